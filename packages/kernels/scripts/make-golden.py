#!/usr/bin/env python3
"""Writes PyTorch golden files in the format of fixtures/pytorch/README.md, for shapes and options the bundled
files do not cover (relu, proj_size with bidirectional stacks, unbatched bias-free runs, RNNCell, ...).

usage: python3 make-golden.py OUT_DIR      (needs PyTorch; made with Debian's python3-torch 1.13.1)
"""
import json
import os
import sys

import torch
from torch import nn

torch.set_default_dtype(torch.float64)


def enc(t):
    return None if t is None else {"shape": list(t.shape), "data": t.detach().reshape(-1).tolist()}


def rand(*shape):
    return torch.rand(*shape) * 2 - 1


def sequence_case(name, module, config, seq_len, batch, batched, with_state):
    m = {"LSTM": nn.LSTM, "GRU": nn.GRU, "RNN": nn.RNN}[module](**config)
    m.eval()
    with torch.no_grad():
        for p in m.parameters():
            p.uniform_(-0.8, 0.8)
    D = 2 if config.get("bidirectional") else 1
    layers = config.get("num_layers", 1)
    h_out = config.get("proj_size", 0) or config["hidden_size"]
    if not batched:
        x = rand(seq_len, config["input_size"])
        lead = []
    elif config.get("batch_first"):
        x = rand(batch, seq_len, config["input_size"])
        lead = [batch]
    else:
        x = rand(seq_len, batch, config["input_size"])
        lead = [batch]
    x.requires_grad_(True)
    h0 = rand(D * layers, *lead, h_out).requires_grad_(True) if with_state else None
    c0 = rand(D * layers, *lead, config["hidden_size"]).requires_grad_(True) if with_state and module == "LSTM" else None
    if module == "LSTM":
        out, (h_n, c_n) = m(x, (h0, c0)) if with_state else m(x)
    else:
        out, h_n = m(x, h0) if with_state else m(x)
        c_n = None
    w = {"output": rand(*out.shape), "h_n": rand(*h_n.shape), "c_n": rand(*c_n.shape) if c_n is not None else None}
    loss = (out * w["output"]).sum() + (h_n * w["h_n"]).sum() + ((c_n * w["c_n"]).sum() if c_n is not None else 0)
    loss.backward()
    return {
        "name": name, "module": module, "torch_version": torch.__version__, "dtype": "float64",
        "config": {"dropout": 0.0, **config},
        "params": {k: enc(v) for k, v in m.state_dict().items()},
        "inputs": {"input": enc(x), "h0": enc(h0), "c0": enc(c0)},
        "outputs": {"output": enc(out), "h_n": enc(h_n), "c_n": enc(c_n)},
        "loss_weights": {k: enc(v) for k, v in w.items()},
        "grads": {"input": enc(x.grad), "h0": enc(h0.grad if h0 is not None else None),
                  "c0": enc(c0.grad if c0 is not None else None),
                  "params": {k: enc(p.grad) for k, p in m.named_parameters()}},
    }


def cell_case(name, module, config, batch, with_state):
    m = {"LSTMCell": nn.LSTMCell, "GRUCell": nn.GRUCell, "RNNCell": nn.RNNCell}[module](**config)
    with torch.no_grad():
        for p in m.parameters():
            p.uniform_(-0.8, 0.8)
    lead = [batch] if batch else []
    x = rand(*lead, config["input_size"]).requires_grad_(True)
    hx = rand(*lead, config["hidden_size"]).requires_grad_(True) if with_state else None
    cx = rand(*lead, config["hidden_size"]).requires_grad_(True) if with_state and module == "LSTMCell" else None
    if module == "LSTMCell":
        h, c = m(x, (hx, cx)) if with_state else m(x)
    else:
        h, c = m(x, hx) if with_state else m(x), None
    w = {"h": rand(*h.shape), "c": rand(*c.shape) if c is not None else None}
    loss = (h * w["h"]).sum() + ((c * w["c"]).sum() if c is not None else 0)
    loss.backward()
    return {
        "name": name, "module": module, "torch_version": torch.__version__, "dtype": "float64", "config": config,
        "params": {k: enc(v) for k, v in m.state_dict().items()},
        "inputs": {"input": enc(x), "hx": enc(hx), "cx": enc(cx)},
        "outputs": {"h": enc(h), "c": enc(c)},
        "loss_weights": {k: enc(v) for k, v in w.items()},
        "grads": {"input": enc(x.grad), "hx": enc(hx.grad if hx is not None else None),
                  "cx": enc(cx.grad if cx is not None else None),
                  "params": {k: enc(p.grad) for k, p in m.named_parameters()}},
    }


def lecture_case(name, input_size, hidden_size, steps, scale):
    cols = hidden_size + input_size
    lstm = {g: {"W": rand(hidden_size, cols) * scale, "b": rand(hidden_size) * scale} for g in "fico"}
    gru = {g: {"W": rand(hidden_size, cols) * scale} for g in "zrh"}
    xs = [rand(input_size) * scale for _ in range(steps)]
    h, c = rand(hidden_size), rand(hidden_size)
    lstm_rec = {"params": {g: {k: enc(v) for k, v in p.items()} for g, p in lstm.items()}, "h0": enc(h), "c0": enc(c),
                "xs": [enc(x) for x in xs], "steps": []}
    for x in xs:
        hx = torch.cat([h, x])
        f = torch.sigmoid(lstm["f"]["W"] @ hx + lstm["f"]["b"])
        i = torch.sigmoid(lstm["i"]["W"] @ hx + lstm["i"]["b"])
        c_tilde = torch.tanh(lstm["c"]["W"] @ hx + lstm["c"]["b"])
        o = torch.sigmoid(lstm["o"]["W"] @ hx + lstm["o"]["b"])
        c = f * c + i * c_tilde
        h = o * torch.tanh(c)
        lstm_rec["steps"].append({"f": enc(f), "i": enc(i), "c_tilde": enc(c_tilde), "c": enc(c), "o": enc(o), "h": enc(h)})
    h = rand(hidden_size)
    gru_rec = {"params": {g: {k: enc(v) for k, v in p.items()} for g, p in gru.items()}, "h0": enc(h),
               "xs": [enc(x) for x in xs], "steps": []}
    for x in xs:
        hx = torch.cat([h, x])
        z = torch.sigmoid(gru["z"]["W"] @ hx)
        r = torch.sigmoid(gru["r"]["W"] @ hx)
        h_tilde = torch.tanh(gru["h"]["W"] @ torch.cat([r * h, x]))
        h = (1 - z) * h + z * h_tilde
        gru_rec["steps"].append({"z": enc(z), "r": enc(r), "h_tilde": enc(h_tilde), "h": enc(h)})
    return {"name": name, "module": "lecture", "torch_version": torch.__version__, "dtype": "float64",
            "config": {"input_size": input_size, "hidden_size": hidden_size, "steps": steps}, "lstm": lstm_rec, "gru": gru_rec}


CASES = [
    lambda: sequence_case("rnn_relu_bidirectional_batchfirst", "RNN", dict(input_size=3, hidden_size=4, num_layers=2, bias=True, batch_first=True, bidirectional=True, nonlinearity="relu"), 5, 3, True, True),
    lambda: sequence_case("rnn_tanh_nobias_unbatched_nostate", "RNN", dict(input_size=2, hidden_size=3, num_layers=1, bias=False, batch_first=False, bidirectional=False, nonlinearity="tanh"), 4, 1, False, False),
    lambda: sequence_case("lstm_proj_bidirectional_2layer_batchfirst", "LSTM", dict(input_size=3, hidden_size=5, num_layers=2, bias=True, batch_first=True, bidirectional=True, proj_size=2), 4, 2, True, True),
    lambda: sequence_case("lstm_proj_unbatched_nostate_3layer", "LSTM", dict(input_size=2, hidden_size=4, num_layers=3, bias=True, batch_first=False, bidirectional=False, proj_size=3), 3, 1, False, False),
    lambda: sequence_case("lstm_nobias_unbatched_batchfirst_state", "LSTM", dict(input_size=3, hidden_size=2, num_layers=2, bias=False, batch_first=True, bidirectional=True, proj_size=0), 4, 1, False, True),
    lambda: sequence_case("gru_bidirectional_unbatched_nostate", "GRU", dict(input_size=2, hidden_size=3, num_layers=2, bias=True, batch_first=False, bidirectional=True), 5, 1, False, False),
    lambda: sequence_case("gru_single_step_batch1", "GRU", dict(input_size=4, hidden_size=2, num_layers=3, bias=True, batch_first=True, bidirectional=False), 1, 1, True, True),
    lambda: cell_case("rnncell_relu", "RNNCell", dict(input_size=3, hidden_size=4, bias=True, nonlinearity="relu"), 3, True),
    lambda: cell_case("rnncell_tanh_unbatched_nostate", "RNNCell", dict(input_size=2, hidden_size=3, bias=False, nonlinearity="tanh"), 0, False),
    lambda: cell_case("lstmcell_nobias_nostate", "LSTMCell", dict(input_size=2, hidden_size=3, bias=False), 4, False),
    lambda: cell_case("grucell_unbatched", "GRUCell", dict(input_size=3, hidden_size=2, bias=True), 0, True),
    lambda: lecture_case("lecture_wide", 5, 6, 7, 1.0),
]

if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(20261125)
    for make in CASES:
        case = make()
        with open(os.path.join(out_dir, case["name"] + ".json"), "w") as f:
            json.dump(case, f, separators=(",", ":"))
        print(case["name"])
