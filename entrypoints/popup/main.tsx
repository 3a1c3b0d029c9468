import ReactDOM from 'react-dom/client';
import { useEffect, useState } from 'react';
import { sendMessage } from '@/utils/messaging';

function Popup() {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    sendMessage('getProgress')
      .then((r) => setCount(Object.values(r.totals.counts).reduce((a, b) => a + (b ?? 0), 0)))
      .catch(() => setCount(0));
  }, []);
  return <p data-coach-events>{count ?? '…'}</p>;
}

ReactDOM.createRoot(document.getElementById('root')!).render(<Popup />);
