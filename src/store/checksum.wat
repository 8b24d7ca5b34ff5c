;; A 64-bit checksum of the memory's first 8·words bytes (zero-padded by the caller): each word
;; multiplied in, rotated and multiplied again, then the length and a final mix that spreads every
;; input bit over the result. For damaged caches and names, not for adversaries (a cache's key is
;; compared byte for byte). The wat is assembled by scripts/build-wasm.js.
(module
  (memory (export "memory") 1)
  (func (export "checksum") (param $words i32) (param $length i64) (result i64)
    (local $h i64) (local $at i32) (local $end i32)
    (local.set $h (i64.const 0x27d4eb2f165667c5))
    (local.set $end (i32.shl (local.get $words) (i32.const 3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $h
          (i64.mul
            (i64.rotl
              (i64.xor (local.get $h) (i64.mul (i64.load (local.get $at)) (i64.const 0x9e3779b97f4a7c15)))
              (i64.const 31))
            (i64.const 0xc2b2ae3d27d4eb4f)))
        (local.set $at (i32.add (local.get $at) (i32.const 8)))
        (br $next)))
    (local.set $h (i64.xor (local.get $h) (local.get $length)))
    (local.set $h (i64.mul (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 33))) (i64.const 0xff51afd7ed558ccd)))
    (local.set $h (i64.mul (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 33))) (i64.const 0xc4ceb9fe1a85ec53)))
    (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 33)))))
