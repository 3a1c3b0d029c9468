import '@/utils/i18n-bundled';
import ReactDOM from 'react-dom/client';
import { PopupApp } from '@/components/popup/PopupApp';
import { firstAnswers, takeFirstPopupRequests } from '@/utils/popup-request';
import './style.css';

const requests = takeFirstPopupRequests();
// One first render with the progress in it when the answers are already in (they usually are).
const answers = requests ? await firstAnswers(requests) : undefined;
ReactDOM.createRoot(document.getElementById('root')!).render(<PopupApp firstRequests={requests} firstAnswers={answers} />);
