#!/usr/bin/env python3
"""An OpenAI-compatible endpoint on loopback that answers at once, for `make bench-scale`: only Docket's costs show.

`POST /v1/chat/completions` answers `{"sentence": QUOTED}` (generate.py puts that sentence in every contract, so
the quote is grounded) with token counts of a quarter of the request's bytes. `GET /stats` says how many requests
were answered and when the last one was (the bench's "time after the last unit"). HTTP/1.1 with keep-alive, one
asyncio loop: a few thousand requests a second on one core. A benchmark's part, never Docket's.
"""

import asyncio
import json
import sys
import time

QUOTED = "The parties agree to the terms set out below."
ANSWER = json.dumps({"sentence": QUOTED})
stats = {"requests": 0, "last": 0.0}


def reply(status, body, content_type="application/json"):
    data = body.encode()
    head = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(data)}\r\n"
            f"Connection: keep-alive\r\n\r\n")
    return head.encode() + data


async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            length = 0
            for line in lines[1:]:
                if line.lower().startswith("content-length:"):
                    length = int(line.split(":", 1)[1])
            body = await reader.readexactly(length) if length else b""
            if method == "POST" and path.endswith("/chat/completions"):
                stats["requests"] += 1
                stats["last"] = time.time()
                answer = {"id": "instant", "object": "chat.completion", "model": "instant",
                          "choices": [{"index": 0, "finish_reason": "stop",
                                       "message": {"role": "assistant", "content": ANSWER}}],
                          "usage": {"prompt_tokens": len(body) // 4, "completion_tokens": 12}}
                writer.write(reply("200 OK", json.dumps(answer)))
            elif path == "/stats":
                writer.write(reply("200 OK", json.dumps(stats)))
            elif path.endswith("/models"):
                writer.write(reply("200 OK", json.dumps({"data": [{"id": "instant"}]})))
            else:
                writer.write(reply("404 Not Found", "{}"))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()


async def main(port):
    server = await asyncio.start_server(serve, "127.0.0.1", port, backlog=512)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 0))
