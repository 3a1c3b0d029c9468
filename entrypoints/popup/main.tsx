import '@/utils/i18n-bundled';
import ReactDOM from 'react-dom/client';
import { PopupApp } from '@/components/popup/PopupApp';
import { takeFirstPopupRequests } from '@/utils/popup-request';
import './style.css';

ReactDOM.createRoot(document.getElementById('root')!).render(<PopupApp firstRequests={takeFirstPopupRequests()} />);
