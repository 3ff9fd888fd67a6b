#!/usr/bin/env bash
# tools/screenshots.sh [BUILD_DIR]: the README's screenshots, taken as a person would see the
# windows: every tab in English and Spanish, and two windows chatting (one serves, one
# connects, an `nc` client joins), under Xvfb, into docs/screenshots/.
# STDLAB_SHOTS_TABS="regex files" takes only those tabs (and the chat pair only with chat).
# Needs xvfb, imagemagick, xdotool and a colour emoji font (installed when missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd) # absolute: the script works in a scratch folder
bin=$build/bin/stdlab
out=$root/docs/screenshots
[ -x "$bin" ] || { echo "screenshots: build first ($bin missing): ./test or ./run" >&2; exit 1; }

missing=()
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v import >/dev/null || missing+=(imagemagick)
command -v xdotool >/dev/null || missing+=(xdotool)
command -v nc >/dev/null || missing+=(netcat-openbsd)
# The chat shows emoji: without a font that has them they are blank.
fc-list 2>/dev/null | grep -qi "emoji" || missing+=(fonts-noto-color-emoji)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    echo "screenshots: installing ${missing[*]}" >&2
    $sudo apt-get install -y -q "${missing[@]}" >&2
fi

# A private mount namespace where it may be made (unshare -rm): the fresh home is mounted at
# /home/ana, so the Files tree shows /home, not the machine's crowded /tmp. Elsewhere the home
# is a scratch folder.
if [ -z "${STDLAB_SHOTS_NS:-}" ] && unshare -rm true 2>/dev/null; then
    exec env STDLAB_SHOTS_NS=1 unshare -rm "$0" "$build"
fi

mkdir -p "$out"
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# A fresh home: no earlier settings, a small tree for the Files tab.
home=$work/home
if [ -n "${STDLAB_SHOTS_NS:-}" ]; then
    mkdir -p "$work/homes/ana"
    mount --bind "$work/homes" /home
    home=/home/ana
fi
export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share
mkdir -p "$HOME/curso/fotos/2023" "$HOME/curso/mi_directorio/mi_subdirectorio" "$HOME/Documentos"
printf 'Hola gato\n' > "$HOME/curso/notas.txt"
printf 'import re\nprint(re.findall("gato", "el gato y la gata"))\n' > "$HOME/curso/regex.py"
head -c 350000 /dev/urandom > "$HOME/curso/fotos/2023/playa.jpg"
head -c 120000 /dev/urandom > "$HOME/curso/fotos/gato.png"
printf 'nombre,edad\nAna,31\n' > "$HOME/curso/datos.csv"
# The Files tab opens at home: a few files of its own, so the list shows sizes and types.
printf 'Lista de la compra\n' > "$HOME/notas.txt"
printf 'print("hola")\n' > "$HOME/hola.py"
head -c 48000 /dev/urandom > "$HOME/foto.jpg"

display=:$((90 + RANDOM % 100))
# -noreset: in a user namespace the server cannot reset when its last client leaves (it died).
Xvfb "$display" -screen 0 2600x1100x24 -nolisten tcp -noreset >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
unset QT_QPA_PLATFORM

# window_of PID: the id of the first visible window of a process (waits for it).
window_of() {
    local wid=""
    for _ in $(seq 100); do
        wid=$(xdotool search --onlyvisible --pid "$1" 2>/dev/null | head -1 || true)
        [ -n "$wid" ] && break
        sleep 0.1
    done
    [ -n "$wid" ] || { echo "screenshots: no window for pid $1" >&2; return 1; }
    echo "$wid"
}

shot_tab() { # shot_tab TAB LANG NAME [WIDTH HEIGHT]
    "$bin" --tab "$1" --lang "$2" &
    local pid=$!
    local wid
    wid=$(window_of "$pid")
    xdotool windowmove "$wid" 0 0 windowsize "$wid" "${4:-1400}" "${5:-900}"
    sleep 1.5
    import -window "$wid" "$out/$3.png"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    echo "screenshots: $out/$3.png"
}

cd "$HOME/curso"
# Every tab, English and Spanish, large (1400x900) and at the smallest supported size (800x600).
tabs=${STDLAB_SHOTS_TABS:-date regex files chat}
for tab in $tabs; do
    shot_tab "$tab" en "$tab"
    shot_tab "$tab" es "$tab-es"
    shot_tab "$tab" en "$tab-800" 800 600
    shot_tab "$tab" es "$tab-es-800" 800 600
done

# The Regex tab's insight views, from a saved session (QSettings' INI: quoted, a backslash
# written twice): the ReDoS verdict of a pattern that blows up (badge, underline, attack, plot), and
# the railroad diagram of the course's e-mail pattern in Spanish.
case " $tabs " in
*" regex "*)
    conf=$XDG_CONFIG_HOME/StdLab/stdlab.conf
    mkdir -p "$(dirname "$conf")"
    printf '%s\n' '[Regex]' 'pattern="(\\w+\\s?)*$"' 'function=fullmatch' \
        'text=una frase con varias palabras' 'resultTab=redos' > "$conf"
    shot_tab regex en regex-redos
    printf '%s\n' '[Regex]' 'pattern="(\\w+)@(\\w+\\.\\w{2,})"' 'function=findall' \
        'text=Los usuarios pueden contactarnos a soporte@hack4u.io o a info@hack4u.io' \
        'resultTab=railroad' > "$conf"
    shot_tab regex es regex-railroad-es
    rm -f "$conf"
    ;;
esac

case " $tabs " in *" chat "*) ;; *) exit 0 ;; esac
# Two windows chatting: A serves TCP in chat mode, B connects; an nc client joins A too.
"$bin" --tab chat --lang en --serve tcp:0:chat > "$work/serve.out" &
server=$!
pids+=("$server")
for _ in $(seq 100); do grep -q '[0-9]' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '[0-9]\+' "$work/serve.out" | tail -1)
[ -n "$port" ] || { echo "screenshots: the serving window printed no port" >&2; exit 1; }
"$bin" --tab chat --lang en --connect "127.0.0.1:$port" &
client=$!
pids+=("$client")
wa=$(window_of "$server")
wb=$(window_of "$client")
xdotool windowmove "$wa" 0 0 windowsize "$wa" 1280 860
xdotool windowmove "$wb" 1300 0 windowsize "$wb" 1280 860
sleep 1.5
# The nc client says hello with an emoji (its line is bytes: no keyboard map in the way).
(printf 'hola 👋 desde nc\n'; sleep 6) | nc 127.0.0.1 "$port" >/dev/null &
pids+=($!)
type_in() { # type_in WINDOW TEXT: the keys go to the window's focused widget, the message
    # input (--connect focuses it, and --serve does once a client has joined): no coordinates.
    xdotool windowfocus --sync "$1"
    sleep 0.3
    xdotool type --delay 20 "$2"
    xdotool key Return
    sleep 0.6
}
type_in "$wb" "Hola, servidor!"
type_in "$wa" "Hola cliente, ¿qué tal?"
type_in "$wb" "Muy bien 😀 — probando el chat del curso"
sleep 1
import -window "$wa" "$out/chat-server.png"
import -window "$wb" "$out/chat-client.png"
echo "screenshots: $out/chat-server.png $out/chat-client.png"

# The microscope: a second pair whose client shows the Sequence view (the server's window the
# Reads view) after a few lines, from a saved session (the show list is kept in the settings).
kill "$server" "$client" 2>/dev/null || true
wait "$server" "$client" 2>/dev/null || true
conf=$XDG_CONFIG_HOME/StdLab/stdlab.conf
mkdir -p "$(dirname "$conf")"
printf '%s\n' '[MainWindow]' 'pythonPane=false' '[Chat]' 'show=reads' > "$conf"
"$bin" --tab chat --lang en --serve tcp:0:echo > "$work/serve2.out" &
server=$!
pids+=("$server")
for _ in $(seq 100); do grep -q '[0-9]' "$work/serve2.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '[0-9]\+' "$work/serve2.out" | tail -1)
printf '%s\n' '[MainWindow]' 'pythonPane=false' '[Chat]' 'show=sequence' > "$conf"
"$bin" --tab chat --lang en --connect "127.0.0.1:$port" &
client=$!
pids+=("$client")
wa=$(window_of "$server")
wb=$(window_of "$client")
xdotool windowmove "$wa" 0 0 windowsize "$wa" 1280 860
xdotool windowmove "$wb" 1300 0 windowsize "$wb" 1280 860
sleep 1.5
type_in "$wb" "Hola, servidor!"
type_in "$wb" "¿Me oyes?"
type_in "$wb" "bye"
sleep 1
import -window "$wb" "$out/chat-sequence.png"
import -window "$wa" "$out/chat-reads.png"
rm -f "$conf"
echo "screenshots: $out/chat-sequence.png $out/chat-reads.png"
