// MiniGrad Lab's page: it sends settings and button presses to the server and draws the frames the server streams.
// It computes nothing about the network itself.
"use strict";

const $ = id => document.getElementById(id);
let session = null, source = null, playing = false, frame = null;
let history = [], frameTimes = [], clicked = [];

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method, headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(json && json.error ? json.error : `${response.status} ${response.statusText}`);
  return json;
}

function settings() {
  const hiddenText = $("hidden").value.trim();
  return {
    dataset: $("dataset").value,
    samples: Number($("samples").value),
    noise: Number($("noise").value),
    trainFraction: Number($("split").value),
    irisFeatures: [Number($("iris-x").value), Number($("iris-y").value)],
    points: clicked,
    hidden: hiddenText === "" ? [] : hiddenText.split(",").map(s => Number(s.trim())),
    activation: $("activation").value,
    optimizer: $("optimizer").value,
    lr: Number($("lr").value),
    momentum: Number($("momentum").value),
    batchSize: Number($("batch").value),
    l2: Number($("l2").value),
    seed: Number($("seed").value),
  };
}

function fill(select, names, chosen) {
  select.innerHTML = "";
  for (const n of names) {
    const o = document.createElement("option");
    o.value = o.textContent = n;
    if (n === chosen) o.selected = true;
    select.appendChild(o);
  }
}

async function start() {
  const options = await api("GET", "/api/options");
  fill($("dataset"), options.datasets, options.defaults.dataset);
  fill($("activation"), options.activations, options.defaults.activation);
  fill($("optimizer"), options.optimizers, options.defaults.optimizer);
  limits = { maxLayers: options.maxLayers, maxUnits: options.maxUnits };
  renderLayerButtons();
  fill($("explorer-activation"), options.activations.filter(a => a !== "none"), "relu");
  try {
    const first = await api("POST", "/api/sessions", settings());
    session = first.session;
    draw(first);
    source = new EventSource(`/api/sessions/${session}/stream`);
    source.onmessage = e => draw(JSON.parse(e.data));
    source.onerror = () => { if (source.readyState === EventSource.CLOSED) showError("the connection to the lab server closed; reload the page."); };
  } catch (e) { showError(e.message); }
}

async function reset() {
  try {
    const f = await api("POST", `/api/sessions/${session}/reset`, settings());
    history = [];
    setPlaying(false);
    showError("");
    draw(f);
  } catch (e) { showError(e.message); }
}

function setPlaying(p) {
  playing = p;
  $("play").textContent = p ? "Pause" : "Play";
}

async function togglePlay() {
  try {
    await api("POST", `/api/sessions/${session}/${playing ? "pause" : "play"}`);
    setPlaying(!playing);
  } catch (e) { showError(e.message); }
}

async function step() {
  try {
    setPlaying(false);
    draw(await api("POST", `/api/sessions/${session}/step`));
  } catch (e) { showError(e.message); }
}

// ---- drawing -------------------------------------------------------------------------------------------------------

const classColours = [[33, 118, 204], [239, 108, 0], [46, 160, 67]];

function cellColour(f, v) {
  if (f.classes === 2) {
    const a = classColours[0], b = classColours[1];
    // Pale enough for the points drawn on top to stand out.
    return a.map((c, i) => Math.round(255 + 0.6 * ((c - 255) * Math.max(0, 1 - 2 * v) + (b[i] - 255) * Math.max(0, 2 * v - 1))));
  }
  const cls = Math.floor(v), p = v - cls, c = classColours[cls];
  const s = Math.max(0, (p - 1 / f.classes) / (1 - 1 / f.classes));
  return c.map(x => Math.round(255 + (x - 255) * s * 0.6));
}

function draw(f) {
  frame = f;
  const now = performance.now();
  frameTimes.push(now);
  while (frameTimes.length && frameTimes[0] < now - 1000) frameTimes.shift();
  $("fps").textContent = frameTimes.length;
  $("epoch").textContent = f.epoch;
  $("train-loss").textContent = f.trainLoss.toFixed(4);
  $("test-loss").textContent = f.testLoss.toFixed(4);
  $("test-accuracy").textContent = (100 * f.testAccuracy).toFixed(1) + "%";
  if (!history.length || history[history.length - 1].epoch !== f.epoch) history.push({ epoch: f.epoch, train: f.trainLoss, test: f.testLoss });
  if (history.length > 2000) history.splice(0, history.length - 2000);
  if (playing !== f.playing && f.playing) setPlaying(true);
  drawBoundary(f);
  drawLoss();
  drawNetwork(f);
  drawUnits(f);
}

function drawBoundary(f) {
  const canvas = $("boundary"), ctx = canvas.getContext("2d");
  const n = f.gridSize, image = ctx.createImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const [r, g, b] = cellColour(f, f.boundary[i]);
    image.data.set([r, g, b, 255], 4 * i);
  }
  const off = new OffscreenCanvas(n, n);
  off.getContext("2d").putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, canvas.width, canvas.height);
  const scale = canvas.width / (2 * f.extent);
  for (const [x, y, label, train] of f.points) {
    const px = (x + f.extent) * scale, py = (f.extent - y) * scale;
    ctx.beginPath();
    ctx.arc(px, py, 3.5, 0, 2 * Math.PI);
    // Training samples: filled with their class's colour; test samples: white with a ring of it.
    const c = classColours[label];
    ctx.fillStyle = train ? `rgb(${c})` : "white";
    ctx.strokeStyle = train ? "#222" : `rgb(${c})`;
    ctx.lineWidth = train ? 1 : 2;
    ctx.fill();
    ctx.stroke();
  }
}

function drawLoss() {
  const canvas = $("loss"), ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (history.length < 2) return;
  const max = Math.max(...history.map(h => Math.max(h.train, h.test)), 1e-6);
  const x = i => 30 + (canvas.width - 40) * i / (history.length - 1), y = v => canvas.height - 20 - (canvas.height - 30) * v / max;
  ctx.fillStyle = "#666";
  ctx.fillText(max.toFixed(2), 2, 12);
  ctx.fillText("0", 2, canvas.height - 20);
  for (const [key, dash] of [["train", []], ["test", [5, 4]]]) {
    ctx.setLineDash(dash);
    ctx.beginPath();
    history.forEach((h, i) => i ? ctx.lineTo(x(i), y(h[key])) : ctx.moveTo(x(i), y(h[key])));
    ctx.strokeStyle = "#283593";
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.fillText("train — , test - -", canvas.width - 110, 12);
}

function drawNetwork(f) {
  const canvas = $("network"), ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const sizes = [f.layers[0].inputs, ...f.layers.map(l => l.outputs)];
  const colX = i => 40 + (canvas.width - 80) * i / (sizes.length - 1);
  const rowY = (n, j) => n === 1 ? canvas.height / 2 : 20 + (canvas.height - 40) * j / (n - 1);
  let maxW = 1e-6, maxG = 1e-6;
  for (const l of f.layers) {
    for (const w of l.weight) maxW = Math.max(maxW, Math.abs(w));
    if (l.weightGrad) for (const g of l.weightGrad) maxG = Math.max(maxG, Math.abs(g));
  }
  f.layers.forEach((l, li) => {
    for (let o = 0; o < l.outputs; o++) for (let i = 0; i < l.inputs; i++) {
      const w = l.weight[o * l.inputs + i];
      const x0 = colX(li), y0 = rowY(l.inputs, i), x1 = colX(li + 1), y1 = rowY(l.outputs, o);
      if (l.weightGrad) {
        ctx.strokeStyle = "rgba(0,0,0,0.15)";
        ctx.lineWidth = 1 + 8 * Math.abs(l.weightGrad[o * l.inputs + i]) / maxG;
        ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1, y1); ctx.stroke();
      }
      ctx.strokeStyle = w >= 0 ? "rgba(239,108,0,0.8)" : "rgba(33,118,204,0.8)";
      ctx.lineWidth = 0.3 + 4 * Math.abs(w) / maxW;
      ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1, y1); ctx.stroke();
    }
  });
  ctx.lineWidth = 1;
  sizes.forEach((n, li) => {
    for (let j = 0; j < n; j++) {
      const dead = li > 0 && li < sizes.length - 1 && f.deadUnits[li - 1] && f.deadUnits[li - 1][j];
      ctx.beginPath();
      ctx.arc(colX(li), rowY(n, j), 7, 0, 2 * Math.PI);
      ctx.fillStyle = dead ? "#d32f2f" : "white";
      ctx.fill();
      ctx.strokeStyle = "#333";
      ctx.stroke();
    }
  });
}

function drawUnits(f) {
  const box = $("units"), n = f.unitGridSize;
  if (box.children.length !== f.unitMaps.length) {
    box.innerHTML = "";
    for (let i = 0; i < f.unitMaps.length; i++) {
      const c = document.createElement("canvas");
      c.width = c.height = n;
      c.style.width = c.style.height = "64px";
      box.appendChild(c);
    }
  }
  const dead = f.deadUnits.flat();
  f.unitMaps.forEach((map, u) => {
    const c = box.children[u], ctx = c.getContext("2d"), image = ctx.createImageData(n, n);
    for (let i = 0; i < n * n; i++) {
      const v = map[i], col = v >= 0 ? classColours[1] : classColours[0], s = Math.abs(v);
      image.data.set([...col.map(x => Math.round(255 + (x - 255) * s)), 255], 4 * i);
    }
    ctx.putImageData(image, 0, 0);
    c.classList.toggle("dead", !!dead[u]);
    c.title = `layer ${1 + Math.floor(u / Math.max(1, f.layers[0].outputs))} unit${dead[u] ? " (dead: 0 on every training sample)" : ""}`;
  });
}

// ---- backprop view -------------------------------------------------------------------------------------------------

let explanation = null, shownSteps = 0;

function numbers(values) {
  if (!values) return "-";
  const shown = values.slice(0, 8).map(v => Number(v).toPrecision(6));
  return "[" + shown.join(", ") + (values.length > 8 ? `, … (${values.length})` : "") + "]";
}

// Requests of one kind (a curve, an explanation) can be answered out of order: each call of the function this returns
// starts a turn, and gives a check that is true only while no later turn has started, so a late answer is dropped.
function latestOnly() {
  let last = 0;
  return () => {
    const mine = ++last;
    return () => mine === last;
  };
}

function row(cells, cls) {
  const tr = document.createElement("tr");
  if (cls) tr.className = cls;
  for (const c of cells) { const td = document.createElement("td"); td.textContent = c; tr.appendChild(td); }
  return tr;
}

const explainTurn = latestOnly();

async function explain() {
  const isLatest = explainTurn();
  let answer;
  try {
    answer = await api("GET", `/api/sessions/${session}/backprop?sample=${Number($("sample").value)}`);
  } catch (e) {
    if (isLatest()) showError(e.message);
    return;
  }
  if (!isLatest()) return; // a later Explain (another sample, say) is on its way
  explanation = answer;
  showError("");
  const fwd = $("forward-table").tBodies[0];
  fwd.innerHTML = "";
  for (const s of explanation.forward) fwd.appendChild(row([s.step, s.op, s.inputs.join(", "), s.output, `[${s.shape}]`, numbers(s.values)]));
  shownSteps = 0;
  renderBackward();
}

function renderBackward() {
  const body = $("backward-table").tBodies[0];
  body.innerHTML = "";
  explanation.backward.forEach((s, k) => {
    s.inputs.forEach((e, j) => {
      const cls = k < shownSteps - 1 ? "done" : k === shownSteps - 1 ? "current" : "pending";
      const visible = k < shownSteps;
      const tr = row([j ? "" : s.step, j ? "" : s.op, j ? "" : s.output, j ? "" : (visible ? numbers(s.upstream) : "?"),
        e.input, visible ? numbers(e.localDerivative) : "?", visible ? (e.gradient ? numbers(e.gradient) : "(not needed)") : "?"], cls);
      tr.dataset.entry = k;
      body.appendChild(tr);
    });
  });
  $("backward-progress").textContent = `(${shownSteps} of ${explanation.backward.length} tape entries)`;
  $("back-step").disabled = shownSteps >= explanation.backward.length;
  $("back-all").disabled = shownSteps >= explanation.backward.length;
  const leaves = $("leaves-table").tBodies[0], updates = $("update-table").tBodies[0];
  leaves.innerHTML = "";
  updates.innerHTML = "";
  $("update-title").textContent = "";
  if (shownSteps >= explanation.backward.length) {
    for (const l of explanation.leaves) leaves.appendChild(row([l.name, `[${l.shape}]`, numbers(l.received)]));
    const u = explanation.update, h = u.hyperparameters, lr = h["param_groups.0.lr"];
    const extra = Object.entries(h).filter(([k]) => k.startsWith("defaults.")).map(([k, v]) => `${k.slice(9)} ${v}`).join(", ");
    $("update-title").textContent = `(${u.optimizer}, lr ${lr}, weight decay ${h["param_groups.0.weight_decay"]}${extra ? ", " + extra : ""}; its step ${u.stepCount + 1})`;
    for (const p of u.parameters)
      updates.appendChild(row([p.name, `[${p.shape}]`, numbers(p.gradient), numbers(p.before), numbers(p.after), numbers(p.delta),
        p.gradient ? numbers(p.gradient.map(g => -lr * g)) : "-"]));
  }
  drawGraph();
}

// ---- the forward graph ---------------------------------------------------------------------------------------------

function brief(values, count = 3) {
  if (!values) return "";
  const shown = values.slice(0, count).map(v => Number(v).toPrecision(3));
  return shown.join(", ") + (values.length > count ? ` … (${values.length})` : "");
}

// Nodes: every leaf (input, parameter, constant) and one per forward op; edges input -> op. An op's column is its
// depth, 1 + the deepest op among its inputs; a leaf sits in the column just before the first op that uses it, so
// each layer's weights stand beside their op.
function graphModel(ex) {
  const key = label => label.replace(/ \[[^\]]*\]$/, "");
  const producers = new Map(ex.forward.map(f => [f.output, f]));
  const ops = [], leaves = new Map(), edges = [], depthOf = new Map();
  for (const f of ex.forward) {
    let depth = 1;
    f.inputs.forEach((label, j) => {
      const k = key(label), from = producers.has(k) ? "op:" + producers.get(k).step : "leaf:" + k;
      if (producers.has(k)) depth = Math.max(depth, depthOf.get(from) + 1);
      else if (!leaves.has(from)) {
        const leaf = ex.leaves.find(l => l.name === k);
        leaves.set(from, { id: from, kind: leaf && leaf.received ? "parameter" : "leaf", lines: [k, label.slice(k.length).trim() || "scalar"], firstUse: f.step });
      }
      edges.push({ from, to: "op:" + f.step, step: f.step, input: j, inputs: f.inputs.length });
    });
    depthOf.set("op:" + f.step, depth);
    ops.push({ id: "op:" + f.step, kind: "op", step: f.step, depth, lines: [`${f.step}: ${f.op}`, `→ ${f.output} [${f.shape}]`, brief(f.values)] });
  }
  for (const leaf of leaves.values()) leaf.depth = depthOf.get("op:" + leaf.firstUse) - 1;
  return { nodes: [...ops, ...leaves.values()], edges };
}

function drawGraph() {
  const svg = $("graph");
  if (!explanation) { svg.innerHTML = ""; return; }
  const { nodes, edges } = graphModel(explanation);
  const W = 160, H = 62, GX = 130, GY = 18, columns = [];
  for (const n of nodes) (columns[n.depth] ??= []).push(n);
  columns.forEach(col => col.forEach((n, i) => { n.x = 8 + n.depth * (W + GX); n.y = 8 + i * (H + GY); }));
  const byId = new Map(nodes.map(n => [n.id, n]));
  const entryOf = step => explanation.backward.findIndex(b => b.step === step);
  const width = 16 + columns.length * (W + GX) - GX, height = 16 + Math.max(...columns.map(c => c.length)) * (H + GY) - GY;
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const parts = [];
  for (const e of edges) {
    const a = byId.get(e.from), b = byId.get(e.to), x0 = a.x + W, y0 = a.y + H / 2, x1 = b.x, y1 = b.y + H * (e.input + 1) / (e.inputs + 1);
    const k = entryOf(e.step), reached = k >= 0 && k < shownSteps;
    const gradient = reached ? explanation.backward[k].inputs[e.input].gradient : null;
    parts.push(`<path class="edge${reached ? " reached" : ""}" d="M${x0},${y0} C${x0 + GX / 2},${y0} ${x1 - GX / 2},${y1} ${x1},${y1}"/>`);
    if (gradient) parts.push(`<text class="edge-gradient" x="${x1 - 4}" y="${y1 - 4}" text-anchor="end">${escapeXml("∇ " + brief(gradient, 1))}</text>`);
  }
  for (const n of nodes) {
    let cls = n.kind;
    const lines = [...n.lines];
    if (n.kind === "op") {
      const k = entryOf(n.step);
      if (k === shownSteps - 1) cls += " current";
      else if (k >= 0 && k < shownSteps) cls += " done";
      if (k >= 0 && k < shownSteps) lines.push("upstream " + brief(explanation.backward[k].upstream));
    }
    parts.push(`<g class="node ${cls}" data-id="${escapeXml(n.id)}"><rect x="${n.x}" y="${n.y}" width="${W}" height="${H + (lines.length > 3 ? 12 : 0)}" rx="${n.kind === "op" ? 4 : 14}"/>` +
      lines.map((t, i) => `<text x="${n.x + 6}" y="${n.y + 14 + 13 * i}"${i ? "" : ' class="title"'}>${escapeXml(t)}</text>`).join("") +
      (n.kind === "op" ? `<title>${escapeXml(n.lines.join("\n"))}</title>` : "") + "</g>");
  }
  svg.innerHTML = parts.join("");
}

// ---- activation explorer -------------------------------------------------------------------------------------------

let curve = null, pointRequest = null, pendingX = null;
const curveTurn = latestOnly();

function escapeXml(text) {
  return String(text).replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
}

function short(v) { return Number(v).toPrecision(6); }

async function loadCurve() {
  const name = $("explorer-activation").value, from = $("explorer-from").value, to = $("explorer-to").value;
  // Opening the tab loads the default activation: a choice made before that answer arrives must not be overwritten
  // by it (the title would say one function, the kinks another's).
  const isLatest = curveTurn();
  let answer;
  try {
    answer = await api("GET", `/api/activations/${encodeURIComponent(name)}/curve?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&points=321`);
  } catch (e) {
    if (isLatest()) showError(e.message);
    return;
  }
  if (!isLatest()) return;
  curve = answer;
  showError("");
  const slider = $("explorer-x");
  slider.min = curve.x[0];
  slider.max = curve.x[curve.x.length - 1];
  $("explorer-title").textContent = `${curve.module}: f (solid) and f' (dashed)`;
  const body = $("kinks-table").tBodies[0];
  body.innerHTML = "";
  for (const k of curve.kinks)
    body.appendChild(row([short(k.x), ["f", "f'", "f'' only"][k.order], short(k.y), short(k.dy), short(k.d2y),
      k.left.map(short).join(", "), k.right.map(short).join(", "), k.convention]));
  if (!curve.kinks.length) body.appendChild(row(["-", "none: smooth on the range searched", "", "", "", "", "", ""]));
  drawCurve();
  movePoint();
}

function drawCurve() {
  const svg = $("explorer-plot"), w = 640, h = 360, pad = 36;
  const xs = curve.x, lo = xs[0], hi = xs[xs.length - 1];
  const values = [...curve.y, ...curve.dy].filter(Number.isFinite);
  let min = Math.min(0, ...values), max = Math.max(0, ...values);
  if (max - min < 1e-9) { max += 1; min -= 1; }
  const px = x => pad + (w - 2 * pad) * (x - lo) / (hi - lo), py = v => h - pad - (h - 2 * pad) * (v - min) / (max - min);
  const path = key => xs.map((x, i) => `${i ? "L" : "M"}${px(x).toFixed(1)},${py(curve[key][i]).toFixed(1)}`).join("");
  const x = Number($("explorer-x").value);
  let parts = [
    `<line x1="${pad}" x2="${w - pad}" y1="${py(0)}" y2="${py(0)}" stroke="#bbb"/>`,
    lo < 0 && hi > 0 ? `<line x1="${px(0)}" x2="${px(0)}" y1="${pad}" y2="${h - pad}" stroke="#bbb"/>` : "",
    `<text x="4" y="${pad}" class="axis">${short(max)}</text><text x="4" y="${h - pad}" class="axis">${short(min)}</text>`,
    `<text x="${pad}" y="${h - 8}" class="axis">${short(lo)}</text><text x="${w - pad - 40}" y="${h - 8}" class="axis">${short(hi)}</text>`,
    `<path d="${path("y")}" fill="none" stroke="#283593" stroke-width="2"/>`,
    `<path d="${path("dy")}" fill="none" stroke="#ef6c00" stroke-width="2" stroke-dasharray="6 4"/>`,
  ];
  for (const k of curve.kinks) {
    if (k.x < lo || k.x > hi) continue;
    parts.push(`<circle class="kink" cx="${px(k.x)}" cy="${py(k.y)}" r="5" fill="white" stroke="#283593" stroke-width="2"><title>${escapeXml(k.convention)}</title></circle>`);
    parts.push(`<circle class="kink" cx="${px(k.x)}" cy="${py(k.dy)}" r="5" fill="white" stroke="#ef6c00" stroke-width="2"><title>${escapeXml(k.convention)}</title></circle>`);
  }
  parts.push(`<line id="explorer-marker" x1="${px(x)}" x2="${px(x)}" y1="${pad}" y2="${h - pad}" stroke="#d32f2f" stroke-dasharray="2 3"/>`);
  svg.innerHTML = parts.join("");
  svg.dataset.scale = JSON.stringify({ lo, hi, pad, w });
}

// The slider asks the server for f, f' and f'' at x; while one request is out, only the latest x waits.
async function movePoint() {
  const x = Number($("explorer-x").value);
  $("explorer-x-value").textContent = x;
  const marker = document.getElementById("explorer-marker");
  if (marker && curve) {
    const { lo, hi, pad, w } = JSON.parse($("explorer-plot").dataset.scale), p = pad + (w - 2 * pad) * (x - lo) / (hi - lo);
    marker.setAttribute("x1", p);
    marker.setAttribute("x2", p);
  }
  if (pointRequest) { pendingX = x; return; }
  const name = $("explorer-activation").value;
  pointRequest = api("GET", `/api/activations/${encodeURIComponent(name)}/at?x=${x}`);
  try {
    const p = await pointRequest;
    $("explorer-y").textContent = short(p.y);
    $("explorer-dy").textContent = short(p.dy);
    $("explorer-d2y").textContent = short(p.d2y);
    $("explorer-point").dataset.x = p.x;
  } catch (e) { showError(e.message); }
  pointRequest = null;
  if (pendingX !== null && pendingX !== x) { pendingX = null; movePoint(); } else pendingX = null;
}

// ---- layer buttons -------------------------------------------------------------------------------------------------

let limits = { maxLayers: 6, maxUnits: 64 };

function hiddenSizes() {
  const text = $("hidden").value.trim();
  return text === "" ? [] : text.split(",").map(v => Number(v.trim()));
}

// Edits the layer list as the playground's buttons do: edit changes the sizes in place, or returns why it cannot
// (a change the server would refuse is explained instead of sent).
function editLayers(edit) {
  const sizes = hiddenSizes(), problem = edit(sizes);
  if (problem) { showError(problem); return; }
  $("hidden").value = sizes.join(",");
  renderLayerButtons();
  reset();
}

function renderLayerButtons() {
  const box = $("layer-units");
  box.innerHTML = "";
  hiddenSizes().forEach((n, i) => {
    const line = document.createElement("div");
    line.className = "layer-line";
    line.innerHTML = `<span>layer ${i + 1}: ${n} units</span> <button class="remove-unit" title="one unit fewer">−</button><button class="add-unit" title="one unit more">+</button>`;
    line.querySelector(".add-unit").onclick = () => editLayers(s => {
      if (s[i] >= limits.maxUnits) return `a hidden layer has at most ${limits.maxUnits} units (the server's limit: the page draws every unit); layer ${i + 1} has ${s[i]}.`;
      s[i]++;
    });
    line.querySelector(".remove-unit").onclick = () => editLayers(s => {
      if (s[i] <= 1) return `a hidden layer needs at least 1 unit; to drop layer ${i + 1}, press − layer.`;
      s[i]--;
    });
    box.appendChild(line);
  });
}

// ---- wiring --------------------------------------------------------------------------------------------------------

function showTab(name) {
  for (const t of ["playground", "backprop", "explorer"]) {
    $(t).hidden = t !== name;
    $("tab-" + t).classList.toggle("active", t === name);
  }
}

$("tab-playground").onclick = () => showTab("playground");
$("tab-backprop").onclick = () => showTab("backprop");
$("tab-explorer").onclick = () => { showTab("explorer"); if (!curve) loadCurve(); };
for (const id of ["explorer-activation", "explorer-from", "explorer-to"]) $(id).addEventListener("change", loadCurve);
$("explorer-x").addEventListener("input", movePoint);
$("play").onclick = togglePlay;
$("step").onclick = step;
$("reset").onclick = reset;
$("add-layer").onclick = () => editLayers(s => {
  if (s.length >= limits.maxLayers) return `a network has at most ${limits.maxLayers} hidden layers (the server's limit); remove one first.`;
  s.push(s.length ? s[s.length - 1] : 4);
});
$("remove-layer").onclick = () => editLayers(s => {
  if (s.length === 0) return "there is no hidden layer left to remove: the model is linear.";
  s.pop();
});
$("hidden").addEventListener("change", renderLayerButtons);
$("explain").onclick = explain;
$("back-step").onclick = () => { shownSteps++; renderBackward(); };
$("back-all").onclick = () => { shownSteps = explanation.backward.length; renderBackward(); };
for (const id of ["dataset", "samples", "noise", "split", "seed", "hidden", "activation", "optimizer", "lr", "momentum", "batch", "l2", "iris-x", "iris-y"])
  $(id).addEventListener("change", reset);
$("noise").addEventListener("input", () => $("noise-value").textContent = $("noise").value);
$("split").addEventListener("input", () => $("split-value").textContent = $("split").value);
$("dataset").addEventListener("change", () => {
  $("iris-features").hidden = $("dataset").value !== "iris";
  $("points-help").hidden = $("dataset").value !== "points";
});
$("boundary").addEventListener("click", e => {
  if ($("dataset").value !== "points" || !frame) return;
  const r = e.target.getBoundingClientRect(), scale = r.width / (2 * frame.extent);
  clicked.push({ x: (e.clientX - r.left) / scale - frame.extent, y: frame.extent - (e.clientY - r.top) / scale, label: e.shiftKey ? 0 : 1 });
  const ctx = e.target.getContext("2d");
  ctx.beginPath();
  ctx.arc(e.clientX - r.left, e.clientY - r.top, 3.5, 0, 2 * Math.PI);
  ctx.fillStyle = `rgb(${classColours[e.shiftKey ? 0 : 1]})`;
  ctx.fill();
});
window.addEventListener("beforeunload", () => { if (source) source.close(); });
start();
