"""Writes tests/MiniGrad.Tests/Data/optim_schedules.json: PyTorch 1.13's optimizers, learning-rate schedulers and
gradient clipping in float64, for tests/MiniGrad.Tests/Optim/OptimScheduleReferenceTests.

"optimizers": each case has "optimizer" (PyTorch's class), "options" (constructor keywords, PyTorch's names),
"groups" (each with its own "options", "lr"/"weight_decay" or none, and its parameters "params" at the start),
"grads" (for every step, one gradient per parameter, groups flattened in order) and "trajectory" (for every step,
the parameters after it).
"schedulers": each case has "scheduler", "options", "group_lrs" (the optimizer's groups' starting rates), "steps",
"metrics" (ReduceLROnPlateau only: step(metric)'s arguments) and "lrs": get_last_lr() after construction and after
every scheduler.step() (each following an optimizer.step()), so steps + 1 rows.
"clip_norm": "grads" (some null: a parameter without gradient), "max_norm", "norm_type" ("inf" for infinity),
"total_norm" (what clip_grad_norm_ returned) and "clipped" (the gradients after); "clip_value": "grads",
"clip_value", "clipped".

Run with Debian's PyTorch (apt-get install python3-torch):  /usr/bin/python3 tests/scripts/pytorch_optim.py
"""
import json, math, os
import torch
from torch.optim import lr_scheduler

torch.set_num_threads(1)
torch.manual_seed(4321)
f64 = torch.float64


def t(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.detach().reshape(-1).tolist()]}


def randn(*shape):
    return torch.randn(tuple(shape), dtype=f64)


optimizers = []


def optimizer_case(name, cls, options, groups, steps=6, shapes=((3, 4), (5,))):
    """groups: a list of per-group option dicts; each group gets one parameter of each shape in shapes."""
    params = [[randn(*s).requires_grad_(True) for s in shapes] for _ in groups]
    start = [[p.detach().clone() for p in ps] for ps in params]
    opt = cls([dict(g, params=ps) for g, ps in zip(groups, params)], **options)
    flat = [p for ps in params for p in ps]
    grads, trajectory = [], []
    for step in range(steps):
        gs = [randn(*p.shape) * (1 + step % 3) for p in flat]
        for p, g in zip(flat, gs):
            p.grad = g.clone()
        opt.step()
        grads.append([t(g) for g in gs])
        trajectory.append([t(p) for p in flat])
    optimizers.append({
        "name": name, "optimizer": cls.__name__, "options": options,
        "groups": [{"options": g, "params": [t(p) for p in ps]} for g, ps in zip(groups, start)],
        "grads": grads, "trajectory": trajectory,
    })


RMSprop, Adagrad, SGD, Adam, AdamW = torch.optim.RMSprop, torch.optim.Adagrad, torch.optim.SGD, torch.optim.Adam, torch.optim.AdamW
optimizer_case("rmsprop", RMSprop, {}, [{}])
optimizer_case("rmsprop_lr_alpha_eps", RMSprop, {"lr": 0.05, "alpha": 0.9, "eps": 1e-6}, [{}])
optimizer_case("rmsprop_centered", RMSprop, {"lr": 0.01, "centered": True}, [{}])
optimizer_case("rmsprop_momentum", RMSprop, {"lr": 0.01, "momentum": 0.9}, [{}])
optimizer_case("rmsprop_centered_momentum_weight_decay", RMSprop, {"lr": 0.02, "momentum": 0.5, "centered": True, "weight_decay": 0.1}, [{}])
optimizer_case("rmsprop_weight_decay", RMSprop, {"lr": 0.01, "weight_decay": 0.05}, [{}])
optimizer_case("rmsprop_maximize", RMSprop, {"lr": 0.01, "momentum": 0.3, "maximize": True}, [{}])
optimizer_case("adagrad", Adagrad, {}, [{}])
optimizer_case("adagrad_lr_decay", Adagrad, {"lr": 0.1, "lr_decay": 0.05}, [{}])
optimizer_case("adagrad_weight_decay", Adagrad, {"lr": 0.1, "weight_decay": 0.2}, [{}])
optimizer_case("adagrad_initial_accumulator", Adagrad, {"lr": 0.1, "initial_accumulator_value": 0.5, "eps": 1e-6}, [{}])
optimizer_case("adagrad_all_maximize", Adagrad, {"lr": 0.05, "lr_decay": 0.01, "weight_decay": 0.1, "initial_accumulator_value": 0.1, "maximize": True}, [{}])
# parameter groups: each group's own lr and weight decay, the optimizer's where a group has none
optimizer_case("groups_adam", Adam, {"lr": 1e-3}, [{"lr": 1e-2}, {"weight_decay": 1e-2}, {}])
optimizer_case("groups_adamw", AdamW, {"lr": 1e-3, "amsgrad": True}, [{"lr": 5e-2, "weight_decay": 0.0}, {}])
optimizer_case("groups_sgd", SGD, {"lr": 0.1, "momentum": 0.9, "nesterov": True}, [{"lr": 0.01}, {"weight_decay": 0.1}])
optimizer_case("groups_rmsprop", RMSprop, {"lr": 0.01, "momentum": 0.5}, [{"lr": 0.001}, {"weight_decay": 0.01}])
optimizer_case("groups_adagrad", Adagrad, {"lr": 0.1, "lr_decay": 0.1}, [{"lr": 0.5, "weight_decay": 0.01}, {}])

schedulers = []


def scheduler_case(name, cls, options, group_lrs, steps, metrics=None):
    params = [torch.zeros(1, dtype=f64, requires_grad=True) for _ in group_lrs]
    opt = SGD([{"params": [p], "lr": lr} for p, lr in zip(params, group_lrs)], lr=0.1)
    kwargs = dict(options)
    if cls is lr_scheduler.ReduceLROnPlateau:
        kwargs.pop("verbose", None)
    sched = cls(opt, **kwargs)
    lrs = [[float(g["lr"]) for g in opt.param_groups]]
    for i in range(steps):
        for p in params:
            p.grad = torch.ones_like(p)
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[i])
        lrs.append([float(g["lr"]) for g in opt.param_groups])
        if metrics is None:
            assert lrs[-1] == [float(x) for x in sched.get_last_lr()]
    schedulers.append({"name": name, "scheduler": cls.__name__, "options": options, "group_lrs": group_lrs,
                       "steps": steps, "metrics": metrics, "lrs": lrs})


scheduler_case("step", lr_scheduler.StepLR, {"step_size": 7}, [0.1, 0.03], 40)
scheduler_case("step_gamma", lr_scheduler.StepLR, {"step_size": 3, "gamma": 0.7}, [0.05], 50)
scheduler_case("multistep", lr_scheduler.MultiStepLR, {"milestones": [5, 12, 12, 30], "gamma": 0.5}, [0.1, 1.0], 40)
scheduler_case("multistep_default_gamma", lr_scheduler.MultiStepLR, {"milestones": [10, 20]}, [0.3], 30)
scheduler_case("exponential", lr_scheduler.ExponentialLR, {"gamma": 0.93}, [0.1, 0.02], 60)
scheduler_case("cosine", lr_scheduler.CosineAnnealingLR, {"T_max": 20}, [0.1, 0.05], 100)
scheduler_case("cosine_eta_min", lr_scheduler.CosineAnnealingLR, {"T_max": 7, "eta_min": 0.001}, [0.1], 50)
scheduler_case("linear", lr_scheduler.LinearLR, {}, [0.1, 0.4], 30)
scheduler_case("linear_decay", lr_scheduler.LinearLR, {"start_factor": 1.0, "end_factor": 0.05, "total_iters": 40}, [0.2], 60)
scheduler_case("linear_warmup", lr_scheduler.LinearLR, {"start_factor": 0.01, "end_factor": 1.0, "total_iters": 17}, [0.5], 30)
scheduler_case("onecycle", lr_scheduler.OneCycleLR, {"max_lr": 0.1, "total_steps": 100, "cycle_momentum": False}, [0.1, 0.2], 100)
scheduler_case("onecycle_linear", lr_scheduler.OneCycleLR, {"max_lr": 1.0, "total_steps": 37, "pct_start": 0.25, "anneal_strategy": "linear", "div_factor": 10.0, "final_div_factor": 100.0, "cycle_momentum": False}, [0.1], 37)
scheduler_case("onecycle_three_phase", lr_scheduler.OneCycleLR, {"max_lr": [0.5, 0.05], "total_steps": 60, "pct_start": 0.3, "three_phase": True, "cycle_momentum": False}, [0.1, 0.1], 60)
metrics = [1.0, 0.9, 0.95, 0.9, 0.92, 0.91, 0.9, 0.899999, 0.93, 0.94, 0.95, 0.7, 0.71, 0.72, 0.7, 0.73, 0.74, 0.75, 0.76,
           0.77, 0.78, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69, 0.69]
scheduler_case("plateau", lr_scheduler.ReduceLROnPlateau, {"patience": 2}, [0.1, 0.01], len(metrics), metrics)
scheduler_case("plateau_cooldown_min_lr", lr_scheduler.ReduceLROnPlateau, {"factor": 0.5, "patience": 1, "cooldown": 2, "min_lr": 0.02}, [0.1, 0.5], len(metrics), metrics)
scheduler_case("plateau_abs", lr_scheduler.ReduceLROnPlateau, {"patience": 0, "threshold": 0.015, "threshold_mode": "abs", "factor": 0.8}, [0.1], len(metrics), metrics)
accuracy = [0.5, 0.6, 0.6, 0.61, 0.6, 0.59, 0.7, 0.7001, 0.7, 0.7, 0.69, 0.8, 0.8, 0.8, 0.8, 0.8, 0.81, 0.82, 0.81, 0.8]
scheduler_case("plateau_max", lr_scheduler.ReduceLROnPlateau, {"mode": "max", "patience": 1, "threshold": 0.01}, [0.1], len(accuracy), accuracy)
scheduler_case("plateau_max_abs_eps", lr_scheduler.ReduceLROnPlateau, {"mode": "max", "patience": 0, "threshold": 0.0, "threshold_mode": "abs", "eps": 0.02, "factor": 0.5}, [0.1], len(accuracy), accuracy)

clip_norm = []


def clip_norm_case(name, grads, max_norm, norm_type):
    params = [torch.zeros(g.shape if g is not None else (2,), dtype=f64, requires_grad=True) for g in grads]
    for p, g in zip(params, grads):
        p.grad = None if g is None else g.clone()
    total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type)
    clip_norm.append({"name": name, "grads": [None if g is None else t(g) for g in grads], "max_norm": max_norm,
                      "norm_type": "inf" if norm_type == math.inf else norm_type, "total_norm": float(total),
                      "clipped": [None if p.grad is None else t(p.grad) for p in params]})


grads = [randn(3, 4), None, randn(5), randn(2, 2, 2)]
clip_norm_case("p2", grads, 1.0, 2.0)
clip_norm_case("p1", grads, 2.5, 1.0)
clip_norm_case("pinf", grads, 0.5, math.inf)
clip_norm_case("p3", grads, 1.0, 3.0)
clip_norm_case("no_clip", grads, 100.0, 2.0)
clip_norm_case("one_tensor", [randn(7) * 10], 5.0, 2.0)

clip_value = []
for c in [0.5, 1.0, 0.0]:
    gs = [randn(3, 4), randn(6)]
    params = [torch.zeros(g.shape, dtype=f64, requires_grad=True) for g in gs]
    for p, g in zip(params, gs):
        p.grad = g.clone()
    torch.nn.utils.clip_grad_value_(params, c)
    clip_value.append({"clip_value": c, "grads": [t(g) for g in gs], "clipped": [t(p.grad) for p in params]})

path = os.path.join(os.path.dirname(__file__), "..", "MiniGrad.Tests", "Data", "optim_schedules.json")
with open(path, "w") as f:
    json.dump({"generator": f"PyTorch {torch.__version__}, float64", "optimizers": optimizers, "schedulers": schedulers,
               "clip_norm": clip_norm, "clip_value": clip_value}, f, indent=1, allow_nan=False)
print(f"wrote {len(optimizers)} optimizer, {len(schedulers)} scheduler and {len(clip_norm) + len(clip_value)} clipping cases to {os.path.normpath(path)}")
