// visadesk web chat: the proof of work an anonymous booking costs (see
// gateway/src/channels/proof_of_work.rs). Finds the first decimal nonce whose SHA-256 of
// "<challenge>:<nonce>" starts with `bits` zero bits. Plain JavaScript SHA-256, because
// crypto.subtle exists only on https and localhost, and one promise per try would be slow: the
// challenge's first 64-byte blocks are hashed once, then each try compresses the last block(s).
// Works in slices so the page stays responsive.
var visadeskProofOfWork = (function () {
  "use strict";
  const K = new Uint32Array([0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2]);
  const H = new Uint32Array([0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19]);
  const w = new Uint32Array(64);

  function compress(state, bytes, offset) {
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15], b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = state[0], b = state[1], c = state[2], d = state[3];
    let e = state[4], f = state[5], g = state[6], h = state[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0;
      d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    state[0] = (state[0] + a) | 0; state[1] = (state[1] + b) | 0;
    state[2] = (state[2] + c) | 0; state[3] = (state[3] + d) | 0;
    state[4] = (state[4] + e) | 0; state[5] = (state[5] + f) | 0;
    state[6] = (state[6] + g) | 0; state[7] = (state[7] + h) | 0;
  }

  // The SHA-256 state after the whole 64-byte blocks of `prefix` (ASCII), and what is left.
  function midstate(prefix) {
    const bytes = new TextEncoder().encode(prefix);
    const whole = bytes.length - (bytes.length % 64);
    const state = H.slice();
    for (let offset = 0; offset < whole; offset += 64) { compress(state, bytes, offset); }
    return { state: state, rest: bytes.subarray(whole), length: bytes.length };
  }

  // The first 32 bits of SHA-256(prefix + digits), from the prefix's midstate.
  const tail = new Uint8Array(128);
  function firstWord(mid, digits) {
    const used = mid.rest.length + digits.length;
    const blocks = used + 9 <= 64 ? 64 : 128;
    tail.fill(0, 0, blocks);
    tail.set(mid.rest);
    for (let i = 0; i < digits.length; i++) { tail[mid.rest.length + i] = digits.charCodeAt(i); }
    tail[used] = 0x80;
    const bits = (mid.length + digits.length) * 8;
    tail[blocks - 4] = bits >>> 24; tail[blocks - 3] = bits >>> 16;
    tail[blocks - 2] = bits >>> 8; tail[blocks - 1] = bits;
    const state = mid.state.slice();
    for (let offset = 0; offset < blocks; offset += 64) { compress(state, tail, offset); }
    return state[0];
  }

  // Calls done(nonce) with the first nonce that solves `challenge` at `bits` (at most 28).
  function solve(challenge, bits, done) {
    const mid = midstate(challenge + ":");
    let nonce = 0;
    (function slice() {
      for (const stop = nonce + 20000; nonce < stop; nonce++) {
        const digits = String(nonce);
        if (Math.clz32(firstWord(mid, digits)) >= bits) { done(digits); return; }
      }
      setTimeout(slice, 0);
    })();
  }

  return { solve: solve, firstWord: firstWord, midstate: midstate };
})();
if (typeof module !== "undefined") { module.exports = visadeskProofOfWork; }
