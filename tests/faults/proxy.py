"""A TCP proxy on 127.0.0.1 for Herald's fault suite (scripts/faults).

  proxy.py LISTEN_PORT TARGET_PORT CONTROL_FILE

Forwards LISTEN_PORT to 127.0.0.1:TARGET_PORT. CONTROL_FILE (polled every
200 ms) says what to do:
  pass   forward bytes (the default);
  stall  hold every byte, both ways, on every connection (new ones too),
         like a network that stops answering without closing anything;
  reset  close every connection with a TCP reset (RST), once; then as `pass`.
"""
import asyncio
import os
import socket
import struct
import sys

LISTEN, TARGET, CONTROL = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
mode = "pass"
flowing = asyncio.Event()
connections = set()


def reset(writer):
    sock = writer.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
    writer.transport.abort()


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            await flowing.wait()
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def handle(client_reader, client_writer):
    await flowing.wait()
    try:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", TARGET)
    except OSError:
        client_writer.close()
        return
    pair = (client_writer, server_writer)
    connections.add(pair)
    try:
        await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))
    finally:
        connections.discard(pair)


async def control():
    global mode
    while True:
        try:
            with open(CONTROL) as f:
                wanted = f.read().strip() or "pass"
        except FileNotFoundError:
            wanted = "pass"
        if wanted != mode:
            print(f"proxy: {wanted}", flush=True)
            if wanted == "stall":
                flowing.clear()
            elif wanted == "reset":
                for pair in list(connections):
                    for w in pair:
                        reset(w)
                connections.clear()
                flowing.set()
            else:
                flowing.set()
            mode = wanted
        await asyncio.sleep(0.2)


async def main():
    flowing.set()
    server = await asyncio.start_server(handle, "127.0.0.1", LISTEN)
    print(f"proxy: 127.0.0.1:{LISTEN} -> 127.0.0.1:{TARGET}, pid {os.getpid()}", flush=True)
    async with server:
        await asyncio.gather(server.serve_forever(), control())


asyncio.run(main())
