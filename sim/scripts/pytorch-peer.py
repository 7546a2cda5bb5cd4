#!/usr/bin/env python3
"""The peer, measured on the same network and probe set as NormLab (`normlab bench --peer` runs it).

Builds the network of a NormLab checkpoint (README, "Checkpoint format") in PyTorch, float64, checks that its
train-mode loss and gradient norm on the probe set match the checkpoint's, then measures what a researcher would
do instead of NormLab: the SGD training step (one thread and all cores), double-backward Hessian-vector products
as PyHessian makes them (the gradient's graph built once per point, one backward pass through it per product),
PyHessian's power iteration (relative change of the Rayleigh quotient below a tolerance, at most 100 iterations),
Hutchinson's trace and stochastic Lanczos quadrature (Rademacher probes, full reorthogonalization) at given probe
counts. Prints one JSON object on standard output; exits 3 (with a message on standard error) when torch is missing.

    python3 sim/scripts/pytorch-peer.py RUN/checkpoint.json --batch-size 128 --steps 200

With --step-only it times the training step alone (for networks where the curvature products would take long).
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

try:
    import torch
except ImportError:
    print("pytorch-peer: PyTorch is not installed (python3 -c 'import torch' fails); the peer is skipped",
          file=sys.stderr)
    sys.exit(3)

torch.set_default_dtype(torch.float64)


def load(checkpoint_path):
    with open(checkpoint_path, encoding="utf-8") as f:
        checkpoint = json.load(f)
    probe = checkpoint["probeSet"]
    probe_file = os.path.normpath(os.path.join(os.path.dirname(checkpoint_path), probe["file"]))
    rows = []
    with open(probe_file, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
        if header[:2] != ["index", "label"]:
            raise SystemExit("pytorch-peer: %s: header must start with index,label" % probe_file)
        for line in f:
            rows.append([float(v) for v in line.strip().split(",")])
    data = torch.tensor(rows)
    wanted = torch.tensor(probe["indices"], dtype=torch.long)
    by_index = {int(i): r for r, i in enumerate(data[:, 0].tolist())}
    order = torch.tensor([by_index[int(i)] for i in wanted.tolist()], dtype=torch.long)
    x = data[order, 2:].contiguous()
    y = data[order, 1].long().contiguous()
    params = [torch.tensor(checkpoint["parameters"][name]["values"]).reshape(
        checkpoint["parameters"][name]["shape"]) for name in checkpoint["parameterOrder"]]
    return checkpoint, x, y, params


class Mlp:
    """The checkpoint's MLP as a function of a parameter list, BatchNorm in train mode over the batch given."""

    def __init__(self, network, names):
        self.activation = {"relu": torch.relu, "tanh": torch.tanh, "identity": lambda z: z,
                           "linear": lambda z: z}[network["activation"]]
        self.normalization = network["normalization"]
        self.eps = float(network.get("bnEpsilon", 1e-5))
        self.ghost = int(network.get("ghostBatchSize", 0) or 0)
        self.loss_name = network["loss"]
        self.classes = int(network["outputSize"])
        self.names = names

    def batch_norm(self, z, gamma=None, beta=None):
        n = z.shape[0]
        chunk = self.ghost if 0 < self.ghost < n else n
        parts = []
        for s in range(0, n, chunk):
            p = z[s:s + chunk]
            mu = p.mean(0)
            var = ((p - mu) ** 2).mean(0)
            parts.append((p - mu) / torch.sqrt(var + self.eps))
        zh = torch.cat(parts) if len(parts) > 1 else parts[0]
        return zh if gamma is None else gamma * zh + beta

    def logits(self, params, x):
        p = dict(zip(self.names, params))
        h = x
        layer = 0
        while "W%d" % (layer + 1) in p:
            w = p["W%d" % layer]
            if self.normalization == "batch_norm":
                z = self.batch_norm(h @ w.T, p["gamma%d" % layer], p["beta%d" % layer])
            else:
                z = h @ w.T + p["b%d" % layer]
            h = self.activation(z)
            layer += 1
        f = h @ p["W%d" % layer].T + p["b%d" % layer]
        if self.normalization == "mimic_norm":
            f = self.batch_norm(f)
        return f

    def loss(self, params, x, y):
        f = self.logits(params, x)
        if self.loss_name == "cross_entropy":
            return torch.nn.functional.cross_entropy(f, y)
        onehot = torch.nn.functional.one_hot(y, self.classes).to(f.dtype)
        return 0.5 * ((f - onehot) ** 2).sum(1).mean()


def gradient_graph(model, params, x, y):
    """The gradient with its graph kept, built once per point as PyHessian's hessian() does (its gradsH)."""
    loss = model.loss(params, x, y)
    return torch.autograd.grad(loss, params, create_graph=True)


def hvp(grads, params, v):
    """PyHessian's hessian_vector_product: one backward pass through the kept gradient graph."""
    return [h.detach() for h in torch.autograd.grad(grads, params, grad_outputs=v, retain_graph=True)]


def inner(a, b):
    return sum(float((u * w).sum()) for u, w in zip(a, b))


def normalized(v):
    n = math.sqrt(inner(v, v))
    return [u / n for u in v]


def seconds(work, repeat):
    work()  # warm-up: allocator, autograd graph caches
    start = time.perf_counter()
    for _ in range(repeat):
        work()
    return (time.perf_counter() - start) / repeat


def train_step_seconds(model, params, x, y, batch, steps, lr, threads):
    torch.set_num_threads(threads)
    theta = [p.clone().requires_grad_(True) for p in params]
    n = x.shape[0]
    state = {"at": 0}

    def step():
        s = state["at"]
        idx = torch.arange(s, s + batch) % n
        state["at"] = (s + batch) % n
        loss = model.loss(theta, x[idx], y[idx])
        grads = torch.autograd.grad(loss, theta)
        with torch.no_grad():
            for t, g in zip(theta, grads):
                t.sub_(lr * g)
    return seconds(step, steps)


def power_iteration(grads, params, tol, max_iter, generator):
    """PyHessian's hessian.eigenvalues(top_n=1): stops when |Δλ|/(|λ_prev| + 1e-6) < tol."""
    v = normalized([torch.randn(p.shape, generator=generator) for p in params])
    eigenvalue = None
    iterations = 0
    for _ in range(max_iter):
        iterations += 1
        hv = hvp(grads, params, v)
        tmp = inner(hv, v)
        v = normalized(hv)
        if eigenvalue is not None and abs(eigenvalue - tmp) / (abs(eigenvalue) + 1e-6) < tol:
            eigenvalue = tmp
            break
        eigenvalue = tmp
    return eigenvalue, iterations


def rademacher(params, generator):
    return [torch.randint(0, 2, p.shape, generator=generator).to(torch.float64) * 2 - 1 for p in params]


def hutchinson(grads, params, probes, generator):
    samples = []
    for _ in range(probes):
        z = rademacher(params, generator)
        samples.append(inner(hvp(grads, params, z), z))
    mean = sum(samples) / probes
    var = sum((s - mean) ** 2 for s in samples) / (probes - 1) if probes > 1 else float("nan")
    return mean, math.sqrt(var / probes)


def slq(grads, params, probes, steps, generator):
    """PyHessian's density(): Lanczos with full reorthogonalization from normalized Rademacher vectors."""
    nodes, weights = [], []
    for _ in range(probes):
        v = normalized(rademacher(params, generator))
        basis = [v]
        alphas, betas = [], []
        w = hvp(grads, params, v)
        alpha = inner(w, v)
        w = [a - alpha * b for a, b in zip(w, v)]
        alphas.append(alpha)
        for _ in range(1, steps):
            beta = math.sqrt(inner(w, w))
            if beta < 1e-12:
                break
            v = [a / beta for a in w]
            for b in basis:  # full reorthogonalization
                c = inner(v, b)
                v = [a - c * q for a, q in zip(v, b)]
            v = normalized(v)
            basis.append(v)
            betas.append(beta)
            w = hvp(grads, params, v)
            alpha = inner(w, v)
            w = [a - alpha * q - beta * p for a, q, p in zip(w, v, basis[-2])]
            alphas.append(alpha)
        t = torch.diag(torch.tensor(alphas))
        if betas:
            t += torch.diag(torch.tensor(betas), 1) + torch.diag(torch.tensor(betas), -1)
        theta, s = torch.linalg.eigh(t)
        nodes.append(theta.tolist())
        weights.append((s[0, :] ** 2).tolist())
    return nodes, weights


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--steps", type=int, default=200, help="timed training steps per thread count")
    parser.add_argument("--learning-rate", type=float, default=0.01)
    parser.add_argument("--products", type=int, default=20, help="timed Hessian-vector products")
    parser.add_argument("--power-tolerance", type=float, default=1e-3)
    parser.add_argument("--power-iterations", type=int, default=100)
    parser.add_argument("--power-repeats", type=int, default=10,
                        help="power iterations timed (each from its own random start); the median is reported")
    parser.add_argument("--trace-probes", type=int, default=50)
    parser.add_argument("--slq-probes", type=int, default=5)
    parser.add_argument("--slq-steps", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--step-only", action="store_true", help="time the training step only (large networks)")
    args = parser.parse_args()

    checkpoint, x, y, values = load(args.checkpoint)
    model = Mlp(checkpoint["network"], checkpoint["parameterOrder"])
    params = [v.clone().requires_grad_(True) for v in values]
    torch.set_num_threads(1)
    loss = model.loss(params, x, y)
    grad = torch.autograd.grad(loss, params)
    grad_norm = math.sqrt(sum(float((g * g).sum()) for g in grad))
    result = {
        "torch": torch.__version__,
        "parameters": sum(p.numel() for p in params),
        "probeSetSize": int(x.shape[0]),
        "check": {"trainModeLoss": float(loss.detach()), "checkpointTrainModeLoss": checkpoint["probeSet"]["trainModeLoss"],
                  "trainModeGradientNorm": grad_norm,
                  "checkpointTrainModeGradientNorm": checkpoint["probeSet"]["trainModeGradientNorm"]},
    }
    cores = os.cpu_count() or 1
    result["step"] = {str(t): train_step_seconds(model, values, x, y, args.batch_size, args.steps,
                                                 args.learning_rate, t) for t in sorted({1, cores})}
    result["cores"] = cores
    if args.step_only:
        json.dump(result, sys.stdout)
        print()
        return
    torch.set_num_threads(1)
    grads = gradient_graph(model, params, x, y)  # once per point, like NormLab's held passes (not timed by either)
    generator = torch.Generator().manual_seed(args.seed)
    v = normalized([torch.randn(p.shape, generator=generator) for p in params])
    result["hvpSeconds"] = seconds(lambda: hvp(grads, params, v), args.products)

    start = time.perf_counter()
    value, iterations = power_iteration(grads, params, args.power_tolerance, args.power_iterations, generator)
    times = [time.perf_counter() - start]
    for repeat in range(1, args.power_repeats):  # their own starts: the trace's probes stay those of one estimate
        start = time.perf_counter()
        power_iteration(grads, params, args.power_tolerance, args.power_iterations,
                        torch.Generator().manual_seed(args.seed + 1000 + repeat))
        times.append(time.perf_counter() - start)
    result["power"] = {"value": value, "iterations": iterations, "products": iterations,
                       "seconds": statistics.median(times), "repeats": len(times), "tolerance": args.power_tolerance}
    start = time.perf_counter()
    trace, se = hutchinson(grads, params, args.trace_probes, generator)
    result["trace"] = {"value": trace, "standardError": se, "probes": args.trace_probes,
                       "seconds": time.perf_counter() - start}
    start = time.perf_counter()
    nodes, weights = slq(grads, params, args.slq_probes, args.slq_steps, generator)
    result["slq"] = {"probes": args.slq_probes, "steps": args.slq_steps, "seconds": time.perf_counter() - start,
                     "nodes": nodes, "weights": weights}
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
