"""Plays a WeChat server talking to visadesk, with wechatpy as the independent protocol
implementation: wechatpy signs each request and parses each of visadesk's XML replies.

usage: wechat_client.py BASE_URL TOKEN LINE [LINE ...]
A LINE is either 'subscribe', 'location:LAT,LON' or text. Prints JSON:
{"echo": <echostr answer>, "replies": [<reply text>, ...]}.
"""
import json
import sys
import time
import urllib.request

from wechatpy import parse_message
from wechatpy.utils import WeChatSigner

base, token, lines = sys.argv[1], sys.argv[2], sys.argv[3:]
openid, account = "oVisadeskTestUser0001", "gh_visadesk"


def signed_url(extra=""):
    timestamp, nonce = str(int(time.time())), str(time.time_ns() % 10**9)
    signer = WeChatSigner()
    signer.add_data(token, timestamp, nonce)
    return f"{base}/wechat?signature={signer.signature}&timestamp={timestamp}&nonce={nonce}{extra}"


def message_xml(n, line):
    head = (f"<xml><ToUserName><![CDATA[{account}]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{int(time.time()) + n}</CreateTime>")
    if line == "subscribe":
        return head + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>"
    if line.startswith("location:"):
        lat, lon = line[len("location:"):].split(",")
        return (head + f"<MsgType><![CDATA[location]]></MsgType><Location_X>{lat}</Location_X><Location_Y>{lon}</Location_Y>"
                f"<Scale>15</Scale><Label><![CDATA[here]]></Label><MsgId>{9000000000 + n}</MsgId></xml>")
    return head + f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{line}]]></Content><MsgId>{8000000000 + n}</MsgId></xml>"


with urllib.request.urlopen(signed_url("&echostr=hello-visadesk")) as r:
    echo = r.read().decode()

replies = []
for n, line in enumerate(lines):
    request = urllib.request.Request(signed_url(f"&openid={openid}"), data=message_xml(n, line).encode("utf-8"),
                                     headers={"Content-Type": "text/xml"})
    with urllib.request.urlopen(request) as r:
        body = r.read().decode("utf-8")
    message = parse_message(body)
    assert message.type == "text", body
    assert message.source == account and message.target == openid, body
    replies.append(message.content)
print(json.dumps({"echo": echo, "replies": replies}, ensure_ascii=False))
