"""The Python end of tst_framingcli: a client or a server that frames as the course would.

    framing_peer.py client PORT FRAMING   echo round trips against `stdlab serve --mode echo`
    framing_peer.py server FRAMING        answers each message with b"re: " + message, prints
                                          its port first, ends when the client closes
"""
import socket
import struct
import sys


def recv_exactly(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError(f"closed after {len(buf)} of {n} bytes")
        buf += chunk
    return bytes(buf)


def frame(framing, message):
    if framing == "length":
        return struct.pack("!I", len(message)) + message
    if framing == "newline":
        return message + b"\n"
    if framing.startswith("fixed:"):
        n = int(framing[6:])
        return message + b"\0" * ((-len(message) % n) if message else n)
    return message


def read_message(sock, framing, pending):
    """One message and what follows it: (message, pending), message None at EOF."""
    if framing == "length":
        try:
            (n,) = struct.unpack("!I", recv_exactly(sock, 4))
        except EOFError:
            return None, b""
        return recv_exactly(sock, n), b""
    if framing.startswith("fixed:"):
        try:
            return recv_exactly(sock, int(framing[6:])), b""
        except EOFError:
            return None, b""
    if framing == "newline":
        while b"\n" not in pending:
            data = sock.recv(65536)
            if not data:
                return None, b""
            pending += data
        line, _, pending = pending.partition(b"\n")
        return line, pending
    data = sock.recv(65536)
    return (data or None), b""


def client(port, framing):
    messages = [b"uno", b"dos \xff\x00 \xc3\xb1", b"tres"]
    with socket.create_connection(("127.0.0.1", port)) as s:
        if framing == "raw":
            for m in messages:  # raw: a message is what one read gets; wait for each echo
                s.sendall(m)
                assert recv_exactly(s, len(m)) == m
        else:
            wire = b"".join(frame(framing, m) for m in messages)
            s.sendall(wire)  # several frames in one send
            got = recv_exactly(s, len(wire))
            assert got == wire, (got, wire)
        if framing == "length":
            big = bytes(i * 31 % 251 for i in range(1 << 20))
            wire = frame(framing, big)
            for i in range(len(wire)):  # 1 MB frame, 1 byte per send()
                s.send(wire[i:i + 1])
            got = recv_exactly(s, len(wire))
            assert got == wire, "the 1 MB frame came back different"
        s.sendall(frame(framing, b"bye"))
        rest = s.recv(10)
        assert rest == b"", rest  # bye: the server closes, nothing echoed
    print("OK")


def server(framing):
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen()
        print(srv.getsockname()[1], flush=True)
        conn, _ = srv.accept()
        with conn:
            pending = b""
            while True:
                message, pending = read_message(conn, framing, pending)
                if message is None:
                    break
                conn.sendall(frame(framing, b"re: " + message))


if __name__ == "__main__":
    if sys.argv[1] == "client":
        client(int(sys.argv[2]), sys.argv[3])
    else:
        server(sys.argv[2])
