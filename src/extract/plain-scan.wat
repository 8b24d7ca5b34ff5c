;; The hot path of the line counter: walks plain code a line at a time with SIMD byte search,
;; counting code and blank lines, and hands back to JavaScript (line-counter.ts) at the first byte
;; that may open a comment or a literal. Built to dist/ by scripts/build-wasm.js.
(module
  ;; Bytes [0, 256): the byte class table (0 plain, 1 space, 2 newline, 3 token opener).
  ;; The file's bytes start at 1024 and are followed by at least 16 bytes of slack.
  (memory (export "memory") 16)
  (global $code (mut i32) (i32.const 0))
  (global $comment (mut i32) (i32.const 0))
  (global $blank (mut i32) (i32.const 0))
  (global $flags (mut i32) (i32.const 0))
  ;; The position just after the last newline plain() passed: a line start outside any construct.
  (global $lineStart (mut i32) (i32.const 0))
  (global $lf v128 (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))
  (global $o0 (mut v128) (v128.const i64x2 0 0))
  (global $o1 (mut v128) (v128.const i64x2 0 0))
  (global $o2 (mut v128) (v128.const i64x2 0 0))
  (global $o3 (mut v128) (v128.const i64x2 0 0))
  (global $o4 (mut v128) (v128.const i64x2 0 0))
  (global $o5 (mut v128) (v128.const i64x2 0 0))
  (global $o6 (mut v128) (v128.const i64x2 0 0))
  (global $o7 (mut v128) (v128.const i64x2 0 0))

  (func (export "setOpeners") (param i32 i32 i32 i32 i32 i32 i32 i32)
    (global.set $o0 (i8x16.splat (local.get 0)))
    (global.set $o1 (i8x16.splat (local.get 1)))
    (global.set $o2 (i8x16.splat (local.get 2)))
    (global.set $o3 (i8x16.splat (local.get 3)))
    (global.set $o4 (i8x16.splat (local.get 4)))
    (global.set $o5 (i8x16.splat (local.get 5)))
    (global.set $o6 (i8x16.splat (local.get 6)))
    (global.set $o7 (i8x16.splat (local.get 7))))

  (func (export "reset")
    (global.set $lineStart (i32.const 0))
    (global.set $code (i32.const 0))
    (global.set $comment (i32.const 0))
    (global.set $blank (i32.const 0)))
  (func (export "codeLines") (result i32) (global.get $code))
  (func (export "commentLines") (result i32) (global.get $comment))
  (func (export "blankLines") (result i32) (global.get $blank))
  (func (export "flags") (result i32) (global.get $flags))
  (func (export "lineStart") (result i32) (global.get $lineStart))

  ;; First position >= p (and < end) holding a newline or a token opener, or end.
  (func $find (param $p i32) (param $end i32) (result i32)
    (local $v v128) (local $bits i32)
    (loop $next
      (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (local.get $end))))
      (local.set $v (v128.load (local.get $p)))
      (local.set $bits (i8x16.bitmask
        (v128.or
          (v128.or
            (v128.or (i8x16.eq (local.get $v) (global.get $lf)) (i8x16.eq (local.get $v) (global.get $o0)))
            (v128.or (i8x16.eq (local.get $v) (global.get $o1)) (i8x16.eq (local.get $v) (global.get $o2))))
          (v128.or
            (v128.or (i8x16.eq (local.get $v) (global.get $o3)) (i8x16.eq (local.get $v) (global.get $o4)))
            (v128.or (i8x16.eq (local.get $v) (global.get $o5))
              (v128.or (i8x16.eq (local.get $v) (global.get $o6)) (i8x16.eq (local.get $v) (global.get $o7))))))))
      (if (local.get $bits)
        (then
          (local.set $p (i32.add (local.get $p) (i32.ctz (local.get $bits))))
          (return (select (local.get $p) (local.get $end) (i32.lt_u (local.get $p) (local.get $end))))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $next))
    (local.get $end))

  ;; Walks code from i until a token opener (returned) or end. flags: bit 0 the current line has
  ;; code, bit 1 it has comment; the flags at the return point are left for flags().
  (func (export "plain") (param $i i32) (param $end i32) (param $f i32) (result i32)
    (local $k i32)
    (block $out
      (loop $l
        (br_if $out (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $k (i32.load8_u (i32.load8_u (local.get $i))))
        (if (i32.eqz (local.get $k))
          (then
            (local.set $f (i32.or (local.get $f) (i32.const 1)))
            (local.set $i (call $find (i32.add (local.get $i) (i32.const 1)) (local.get $end)))
            (br $l)))
        (if (i32.eq (local.get $k) (i32.const 1))
          (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l)))
        (br_if $out (i32.eq (local.get $k) (i32.const 3)))
        ;; newline
        (if (i32.and (local.get $f) (i32.const 1))
          (then (global.set $code (i32.add (global.get $code) (i32.const 1))))
          (else
            (if (local.get $f)
              (then (global.set $comment (i32.add (global.get $comment) (i32.const 1))))
              (else (global.set $blank (i32.add (global.get $blank) (i32.const 1)))))))
        (local.set $f (i32.const 0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (global.set $lineStart (local.get $i))
        (br $l)))
    (global.set $flags (local.get $f))
    (local.get $i)))
