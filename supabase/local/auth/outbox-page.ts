// The outbox as a page for people: newest first, refreshes itself, the code shown large.
import type { OutboxMessage } from './outbox';

function escape(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function linkify(escaped: string): string {
	return escaped.replace(/(https?:\/\/[^\s<]+)/g, (url) => `<a href="${url}">${url}</a>`);
}

function item(m: OutboxMessage): string {
	const time = new Date(m.created_at);
	const label = m.channel === 'sms' ? 'SMS' : 'E-mail';
	return `<li>
<article aria-labelledby="m${m.id}">
<h2 id="m${m.id}"><span class="channel">${label}</span> đến <span class="to">${escape(m.to)}</span></h2>
<p class="meta"><time datetime="${time.toISOString()}">${escape(time.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }))}</time>${m.subject ? ` · ${escape(m.subject)}` : ''}</p>
${m.code ? `<p class="code" aria-label="Mã xác thực ${m.code.split('').join(' ')}">${escape(m.code)}</p>` : ''}
<p class="body">${linkify(escape(m.body)).replace(/\n/g, '<br>')}</p>
</article>
</li>`;
}

export function renderOutboxPage(messages: OutboxMessage[], to: string): string {
	const list = messages.length
		? `<ol reversed>${messages.map(item).join('\n')}</ol>`
		: '<p>Chưa có tin nhắn nào. Tin SMS và e-mail mà máy chủ cục bộ “gửi” sẽ hiện ở đây.</p>';
	return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5">
<title>Hộp thư cục bộ (${messages.length}) · Bình dân học vụ số</title>
<style>
body{font:18px/1.5 system-ui,sans-serif;margin:0 auto;max-width:48rem;padding:1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem}ol{list-style:none;padding:0}li{border:2px solid #555;border-radius:.5rem;margin:0 0 1rem;padding:.75rem 1rem}
h2{font-size:1.1rem;margin:0}.channel{background:#0b4f8a;color:#fff;border-radius:.25rem;padding:0 .4rem}
.meta{color:#444;margin:.25rem 0}.code{font:700 2.5rem/1.2 ui-monospace,monospace;letter-spacing:.3em;margin:.5rem 0}
.body{overflow-wrap:anywhere}a{color:#0b4f8a}form{margin:0 0 1rem}label{font-weight:600}input,button{font:inherit;padding:.3rem .5rem}
</style>
</head>
<body>
<main>
<h1>Hộp thư cục bộ</h1>
<p>Tin nhắn SMS và e-mail xác thực của máy chủ Supabase cục bộ, mới nhất ở trên. Trang tự làm mới sau 5 giây. JSON: <a href="/outbox/messages">/outbox/messages</a>.</p>
<form method="get" action="/outbox"><label for="to">Lọc theo người nhận</label> <input id="to" name="to" value="${escape(to)}" placeholder="+84912345678 hoặc e-mail"> <button type="submit">Lọc</button></form>
${list}
</main>
</body>
</html>`;
}
