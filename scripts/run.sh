#!/usr/bin/env bash
# Starts the web app and the scheduler side by side; Ctrl-C stops both.
set -uo pipefail
HOST=${1:-127.0.0.1}
PORT=${2:-5000}
BIN=.venv/bin
# Links in e-mails and feeds point at the address the app serves, unless TRACKER_BASE_URL says otherwise.
export TRACKER_BASE_URL=${TRACKER_BASE_URL:-http://$HOST:$PORT}
# Ctrl-C (or a TERM) stops both and ends quietly: a stop asked for is not an error for make.
cleanup() {
  local code=$1
  trap - INT TERM EXIT
  kill "$WEB" "$SCHED" 2>/dev/null
  wait "$WEB" "$SCHED" 2>/dev/null
  echo
  echo "Đã dừng ứng dụng và bộ lập lịch."
  exit "$code"
}
trap 'cleanup 0' INT TERM
trap 'cleanup $?' EXIT
$BIN/gunicorn --workers 2 --bind "$HOST:$PORT" --access-logfile - --log-level warning "wsgi:app" &
WEB=$!
$BIN/flask scheduler &
SCHED=$!
sleep 1
cat <<TXT

  Theo dõi nhiệm vụ đang chạy tại  http://$HOST:$PORT
  (bộ lập lịch nhắc việc chạy trong một tiến trình riêng; Ctrl-C để dừng cả hai)

  Tài khoản mẫu (mật khẩu: demo-2026):
    Quản trị                          admin@demo.tracker.vn
    Cán bộ theo dõi (Sở Nội vụ)       theodoi@snv.demo.tracker.vn
    Lãnh đạo UBND tỉnh                lanhdao@ubnd.demo.tracker.vn
    Đầu mối Sở Tài chính              daumoi@stc.demo.tracker.vn
    Đầu mối Sở Khoa học và Công nghệ  daumoi@skhcn.demo.tracker.vn
    Đầu mối Sở Tư pháp                daumoi@stp.demo.tracker.vn
    Đầu mối UBND TP Nha Trang         daumoi@nhatrang.demo.tracker.vn

TXT
wait -n "$WEB" "$SCHED"
code=$?
# Ctrl-C reaches the two processes too: one may end (0, or 130/143 for INT/TERM) before this script's
# own trap runs. Any other ending is a failure, said as such.
case $code in
  0 | 130 | 143) cleanup 0 ;;
esac
echo "Một tiến trình (ứng dụng web hoặc bộ lập lịch) đã dừng bất thường (mã $code); dừng cả hai." >&2
exit 1
