"""WeChat's side of safe mode (安全模式), with wechatpy as the independent implementation of the
protocol: encrypts and signs a message the way WeChat pushes it, and verifies and decrypts
visadesk's encrypted passive reply the way WeChat reads it.

usage: safe_mode.py encrypt TOKEN ENCODING_AES_KEY APP_ID TIMESTAMP NONCE MESSAGE_XML
         prints JSON {"query": <query string, no leading "?">, "body": <request XML>}
       safe_mode.py decrypt TOKEN ENCODING_AES_KEY APP_ID REPLY_XML
         prints the reply's plaintext XML; fails (exit status 1, the reason on stderr) when
         the reply's signature or app id is wrong
       safe_mode.py sign TOKEN ENCODING_AES_KEY APP_ID TIMESTAMP NONCE ENCRYPT
         prints the msg_signature of a ciphertext
"""
import json
import sys

import xmltodict
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner

command, token, encoding_aes_key, app_id = sys.argv[1:5]
crypto = WeChatCrypto(token, encoding_aes_key, app_id)

if command == "encrypt":
    timestamp, nonce, message = sys.argv[5:8]
    # wechatpy writes its encryption in the reply's shape; a pushed message carries the same
    # Encrypt in its body and the same MsgSignature in the query.
    encrypted = xmltodict.parse(crypto.encrypt_message(message, nonce, timestamp))["xml"]
    signer = WeChatSigner()
    signer.add_data(token, timestamp, nonce)
    query = (f"signature={signer.signature}&timestamp={timestamp}&nonce={nonce}"
             f"&encrypt_type=aes&msg_signature={encrypted['MsgSignature']}")
    body = (f"<xml><ToUserName><![CDATA[gh_visadesk]]></ToUserName>"
            f"<Encrypt><![CDATA[{encrypted['Encrypt']}]]></Encrypt></xml>")
    print(json.dumps({"query": query, "body": body}))
elif command == "decrypt":
    reply = xmltodict.parse(sys.argv[5])["xml"]
    try:
        plaintext = crypto.decrypt_message(reply, reply["MsgSignature"], reply["TimeStamp"], reply["Nonce"])
    except Exception as e:  # wechatpy's InvalidSignatureException, InvalidAppIdException, …
        sys.exit(f"wechatpy refused the reply: {type(e).__name__} {e}")
    print(plaintext, end="")
elif command == "sign":
    signer = WeChatSigner()
    signer.add_data(token, *sys.argv[5:8])
    print(signer.signature)
else:
    sys.exit(__doc__)
