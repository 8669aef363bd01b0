// the CSRF token is in a cookie the server set for this page; the form sends it back
const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
document.getElementById('csrf').value = cookie ? decodeURIComponent(cookie.split('=')[1]) : '';
const q = new URLSearchParams(location.search);
if (q.has('error')) document.getElementById('message').textContent = 'Sai tài khoản hoặc mật khẩu / Wrong account or password';
if (q.has('locked')) document.getElementById('message').textContent = 'Đăng nhập sai quá nhiều lần, hãy thử lại sau / Too many failed sign-ins, try later';
