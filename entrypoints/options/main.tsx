import ReactDOM from 'react-dom/client';

ReactDOM.createRoot(document.getElementById('root')!).render(<h1>CRM Coach options</h1>);
