// The exports page: start an export, watch it, download, cancel and delete past ones; save the form
// as a schedule, pause, resume and delete schedules; add, test and delete destinations.
// Plain script, no build step. Every piece of data goes into the page through textContent or an
// attribute, never as HTML.
"use strict";

(() => {
  const API = "api/v1/exports";
  const DATASETS_API = "api/v1/datasets";
  const SCHEDULES_API = "api/v1/schedules";
  const DESTINATIONS_API = "api/v1/destinations";
  const TOKEN_KEY = "exports.token";
  const PAGE_SIZE = 10;
  const DEFAULT_POLL_SECONDS = 2;
  // a stream that fails this often in a row gives way to polling for that job
  const STREAM_TRIES = 3;
  // a followed job whose stream has said nothing this long is polled as well: a lost event costs seconds
  const STREAM_SILENCE_MS = 5000;
  const ACTIVE = new Set(["QUEUED", "RUNNING"]);
  const DATASETS = { payments: "Payments", subscribers: "Subscribers", trainees: "Trainees" };
  const DELIMITERS = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar" };
  // where a 400's field error shows: the message element and the control it belongs to
  const FIELDS = {
    dataset: { label: "Data", error: "dataset-error", control: "dataset" },
    datasets: { label: "Data", error: "datasets-error", control: "bundle" },
    days: { label: "Days", error: "days-error", control: "days" },
    from: { label: "From", error: "from-error", control: "from" },
    to: { label: "To", error: "to-error", control: "to" },
    timezone: { label: "Time zone", error: "timezone-error", control: "timezone" },
    columns: { label: "Columns", error: "columns-error", control: "columns" },
    status: { label: "Statuses", error: "status-error", control: "statuses" },
    format: { label: "File type", error: "format-error", control: "format" },
    csv: { label: "CSV options", error: "csv-error", control: "delimiter" },
    "csv.delimiter": { label: "Between cells", error: "csv-error", control: "delimiter" },
    "csv.lineEnding": { label: "Line ending", error: "csv-error", control: "line-ending" },
    "csv.bom": { label: "Byte order mark", error: "csv-error", control: "bom" },
    destination: { label: "Deliver to", error: "destination-error", control: "destination" },
  };
  // a schedule's own fields; its export's fields come back as export.<field> and show where the export's do
  const SCHEDULE_FIELDS = {
    cron: { label: "When", error: "cron-error", control: "cron" },
    timezone: { label: "Time zone", error: "schedule-zone-error", control: "schedule-zone" },
    window: { label: "Only what is new", error: "window-error", control: "since-last-run" },
  };
  const STATES = {
    QUEUED: "Queued", RUNNING: "Running", SUCCEEDED: "Succeeded",
    FAILED: "Failed", CANCELLED: "Cancelled", EXPIRED: "Expired",
  };

  const $ = (id) => document.getElementById(id);
  const el = {
    status: $("status"), alert: $("alert"), who: $("who"),
    tokenForm: $("token-form"), token: $("token"), signedIn: $("signed-in"),
    signedInText: $("signed-in-text"), signOut: $("sign-out"),
    newExport: $("new-export"), exportForm: $("export-form"), dataset: $("dataset"), daysField: $("days-field"),
    bundle: $("bundle"),
    days: $("days"), daysError: $("days-error"), gzip: $("gzip"), notify: $("notify"), start: $("start"),
    windowField: $("window-field"), windowDays: $("window-days"), windowRange: $("window-range"),
    rangeField: $("range-field"), from: $("from"), to: $("to"), timezone: $("timezone"), timezones: $("timezones"),
    columns: $("columns"), columnsAll: $("columns-all"), columnsNone: $("columns-none"),
    statusField: $("status-field"), statuses: $("statuses"),
    format: $("format"), csvField: $("csv-field"), delimiter: $("delimiter"), lineEnding: $("line-ending"), bom: $("bom"),
    currentParameters: $("current-parameters"), daysHelp: $("days-help"), columnsField: $("columns-field"),
    current: $("current"), currentHeading: $("current-heading"), currentTitle: $("current-title"), currentProgress: $("current-progress"),
    currentText: $("current-text"), currentActions: $("current-actions"),
    history: $("history"), historyHeading: $("history-heading"), historyEmpty: $("history-empty"),
    jobs: $("jobs"), jobRows: $("job-rows"), refresh: $("refresh"),
    pages: $("pages"), newer: $("newer"), older: $("older"), pageText: $("page-text"),
    cron: $("cron"), scheduleZone: $("schedule-zone"), saveSchedule: $("save-schedule"),
    sinceLastRunField: $("since-last-run-field"), sinceLastRun: $("since-last-run"),
    schedules: $("schedules"), schedulesHeading: $("schedules-heading"), schedulesEmpty: $("schedules-empty"),
    scheduleTable: $("schedule-table"), scheduleRows: $("schedule-rows"),
    destination: $("destination"), destinations: $("destinations"), destinationsHeading: $("destinations-heading"),
    destinationsEmpty: $("destinations-empty"), destinationTable: $("destination-table"),
    destinationRows: $("destination-rows"), destinationForm: $("destination-form"),
    destinationType: $("destination-type"), s3Fields: $("s3-fields"), sftpFields: $("sftp-fields"),
    destinationFormError: $("destination-form-error"), addDestination: $("add-destination"),
  };

  const state = {
    token: null,
    page: 0,
    totalPages: 0,
    jobs: new Map(),       // id -> job, for the rows shown and the watched job
    watched: null,         // the id of the job in the "Current export" panel
    cancelling: new Set(), // running jobs asked to stop
    pollTimer: null,
    pollFailed: false,
    stream: null,          // the watched job's event stream: { id, abort, lastEventId, failures }
    datasets: new Map(),   // id -> the dataset as GET /api/v1/datasets describes it
    destinations: new Map(), // id -> name, for the select and the jobs' delivery lines
  };

  /** What the API said went wrong, as one sentence for a person. */
  class Problem extends Error {
    constructor(status, message, retryAfter) {
      super(message);
      this.status = status;
      this.retryAfter = retryAfter;
    }
  }

  // ---- the token ----------------------------------------------------------------------------

  function readStoredToken() {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return null;
    }
  }

  function storeToken(token) {
    state.token = token;
    try {
      if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
      } else {
        sessionStorage.removeItem(TOKEN_KEY);
      }
    } catch (e) {
      // storage off: the token lives as long as the page
    }
  }

  /** The run command's link carries the token in the fragment, which is never sent to a server. */
  function takeTokenFromFragment() {
    const params = new URLSearchParams(location.hash.slice(1));
    const token = params.get("token");
    if (!token) {
      return false;
    }
    storeToken(token.trim());
    history.replaceState(null, "", location.pathname + location.search);
    return true;
  }

  /** The token's claims, for display only: the server checks the signature. */
  function claimsOf(token) {
    try {
      const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const bytes = Uint8Array.from(atob(part.padEnd(Math.ceil(part.length / 4) * 4, "=")), (c) => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return {};
    }
  }

  function showSession() {
    const signedIn = Boolean(state.token);
    el.tokenForm.hidden = signedIn;
    el.signedIn.hidden = !signedIn;
    el.newExport.hidden = !signedIn;
    el.history.hidden = !signedIn;
    if (!signedIn) {
      el.who.textContent = "Not signed in";
      el.current.hidden = true;
      return;
    }
    const claims = claimsOf(state.token);
    const parts = [];
    if (claims.sub) {
      parts.push("user " + claims.sub);
    }
    if (claims.role) {
      parts.push(String(claims.role).toLowerCase());
    }
    el.who.textContent = parts.length ? "Signed in as " + parts.join(", ") : "Signed in";
    el.signedInText.textContent = typeof claims.exp === "number"
      ? "Your token is valid until " + formatTime(new Date(claims.exp * 1000)) + "."
      : "You are signed in with a token.";
  }

  function signOut(message) {
    storeToken(null);
    stopPolling();
    stopFollowing();
    state.jobs.clear();
    state.watched = null;
    el.jobRows.replaceChildren();
    showSession();
    el.token.value = "";
    if (message) {
      warn(message);
    }
    el.token.focus();
  }

  function tokenExpired() {
    const exp = claimsOf(state.token).exp;
    return typeof exp === "number" && exp * 1000 <= Date.now();
  }

  // ---- messages -----------------------------------------------------------------------------

  function say(text) {
    el.alert.textContent = "";
    el.status.textContent = text;
  }

  function warn(text) {
    el.status.textContent = "";
    el.alert.textContent = text;
  }

  /** Shows a failed call; a 401 ends the session, as the token is no good any more. */
  function fail(error) {
    if (!(error instanceof Problem)) {
      warn("Something went wrong in this page: " + error.message);
      return;
    }
    if (error.status === 401) {
      signOut(error.message);
      return;
    }
    warn(error.message);
  }

  // ---- the API ------------------------------------------------------------------------------

  async function call(method, path, body, headers = {}) {
    if (tokenExpired()) {
      throw new Problem(401, "Your session has expired, paste a new token.");
    }
    const request = { method, cache: "no-store", headers: { Accept: "application/json", ...headers } };
    if (state.token) {
      request.headers.Authorization = "Bearer " + state.token;
    }
    if (body !== undefined) {
      request.headers["Content-Type"] = "application/json";
      request.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, request);
    } catch (e) {
      throw new Problem(0, "The export service cannot be reached. Check your connection and try again.");
    }
    if (!response.ok) {
      throw await problemOf(response);
    }
    const json = response.status === 204 ? null : await response.json();
    return { json, retryAfter: seconds(response.headers.get("Retry-After")) };
  }

  async function problemOf(response) {
    let problem = {};
    try {
      problem = await response.json();
    } catch (e) {
      // not problem+json (a proxy's page, say): the status says enough
    }
    const retryAfter = seconds(response.headers.get("Retry-After"));
    const detail = problem.detail || problem.title || "The request failed (HTTP " + response.status + ").";
    switch (response.status) {
      case 401:
        return new Problem(401, "Your session has expired, paste a new token.");
      case 403:
        return new Problem(403, "Only trainers can export.");
      case 429:
      case 503:
        return new Problem(response.status,
          detail + (retryAfter ? " Try again in " + retryAfter + " seconds." : ""), retryAfter);
      default: {
        const fields = Array.isArray(problem.errors)
          ? problem.errors.map((e) => e.field + " " + e.message).join("; ")
          : "";
        const error = new Problem(response.status, fields ? detail + " (" + fields + ")" : detail, retryAfter);
        error.errors = Array.isArray(problem.errors) ? problem.errors : [];
        return error;
      }
    }
  }

  function seconds(header) {
    const value = Number.parseInt(header || "", 10);
    return Number.isFinite(value) && value >= 0 ? value : null;
  }

  // ---- formatting ---------------------------------------------------------------------------

  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

  function formatTime(date) {
    return date.toDateString() === new Date().toDateString() ? timeOnly.format(date) : dateTime.format(date);
  }

  function formatCount(n) {
    return Number(n).toLocaleString();
  }

  function formatSize(bytes) {
    const units = ["B", "KB", "MB", "GB", "TB"];
    let value = Number(bytes);
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return (unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)) + " " + units[unit];
  }

  function describeData(job) {
    const name = Array.isArray(job.datasets)
      ? "ZIP of " + job.datasets.map((id) => DATASETS[id] || id).join(", ")
      : DATASETS[job.dataset] || job.dataset;
    const parameters = job.parameters || {};
    const parts = [name];
    const span = describeWindow(parameters);
    if (span) {
      parts.push(span);
    }
    if (parameters.format && parameters.format !== "csv") {
      parts.push(parameters.format.toUpperCase());
    }
    if (Array.isArray(parameters.status)) {
      parts.push(parameters.status.join(" or "));
    }
    if (parameters.compression === "gzip") {
      parts.push("gzip");
    }
    return parts.join(", ");
  }

  function describeWindow(parameters) {
    if (parameters.windowStart) { // a firing of a schedule that exports only what is new since its last run
      return "created " + formatTime(new Date(parameters.windowStart)) + " to "
        + formatTime(new Date(parameters.windowEnd)) + " (new since the last run)";
    }
    if (parameters.from) {
      return parameters.from + " to " + parameters.to;
    }
    const days = parameters.days;
    return days ? "last " + days + (days === 1 ? " day" : " days") : "";
  }

  /** What the API accepted for a job, one line each, so a trainer sees what the file holds. */
  function parameterLines(job) {
    const p = job.parameters || {};
    const lines = [];
    const span = describeWindow(p);
    if (span) {
      lines.push(["Payments", span]);
    }
    lines.push(["Time zone", p.timezone || "UTC"]);
    lines.push(["Columns", Array.isArray(p.columns) ? p.columns.join(", ") : "all"]);
    if (Array.isArray(p.status)) {
      lines.push(["Statuses", p.status.join(", ")]);
    }
    const format = p.format || "csv";
    lines.push(["File type", format.toUpperCase() + (p.compression === "gzip" ? ", gzip" : "")]);
    if (format === "csv") {
      const csv = p.csv || { delimiter: ",", lineEnding: "CRLF", bom: false };
      lines.push(["CSV", (DELIMITERS[csv.delimiter] || csv.delimiter) + " between cells, " + csv.lineEnding
        + " line endings, " + (csv.bom ? "with" : "no") + " byte order mark"]);
    }
    if (p.destination) {
      lines.push(["Delivery", deliveryText(job)]);
    }
    if (job.dataAsOf) {
      lines.push(["Data as of", formatTime(new Date(job.dataAsOf))]);
    }
    return lines;
  }

  function stateLabel(job) {
    if (job.status === "RUNNING" && state.cancelling.has(job.id)) {
      return "Cancelling";
    }
    return STATES[job.status] || job.status;
  }

  function rowsOf(job) {
    if (job.result) {
      return job.result.rowCount;
    }
    return job.progress ? job.progress.rowsWritten : 0;
  }

  const isActive = (job) => Boolean(job) && ACTIVE.has(job.status);

  // ---- the jobs -----------------------------------------------------------------------------

  /** Takes in a fresh copy of a job: its row, the current panel, and news when it ended. */
  function update(job, before = state.jobs.get(job.id)) {
    state.jobs.set(job.id, job);
    if (!isActive(job)) {
      state.cancelling.delete(job.id);
    }
    const row = rowOf(job.id);
    if (row) {
      fillRow(row, job);
    }
    if (state.watched === job.id) {
      fillCurrent(job);
      if (before && isActive(before) && !isActive(job)) {
        announceEnd(job);
      }
    }
  }

  function announceEnd(job) {
    switch (job.status) {
      case "SUCCEEDED":
        say("Your export (" + describeData(job).toLowerCase() + ") is ready: " + formatCount(job.result.rowCount)
          + " rows, " + formatSize(job.result.sizeBytes) + ".");
        break;
      case "FAILED":
        warn("The export failed: " + errorText(job));
        break;
      case "CANCELLED":
        say("The export was cancelled.");
        break;
      default:
        say("The export is " + stateLabel(job).toLowerCase() + ".");
    }
  }

  function errorText(job) {
    return job.error && job.error.message ? job.error.message : "no reason was given.";
  }

  function forget(id) {
    state.jobs.delete(id);
    state.cancelling.delete(id);
    const row = rowOf(id);
    if (row) {
      row.remove();
    }
    if (state.watched === id) {
      state.watched = null;
      el.current.hidden = true;
      stopFollowing();
    }
    el.historyEmpty.hidden = el.jobRows.children.length > 0;
    el.jobs.hidden = el.jobRows.children.length === 0;
  }

  function watch(job) {
    state.watched = job.id;
    el.current.hidden = false;
    fillCurrent(job);
    follow(job);
  }

  async function loadList() {
    const { json } = await call("GET", API + "?page=" + state.page + "&size=" + PAGE_SIZE);
    const watched = state.watched ? state.jobs.get(state.watched) : null;
    state.jobs.clear();
    if (watched) {
      state.jobs.set(watched.id, watched);
    }
    state.totalPages = json.totalPages;
    const rows = json.items.map((job) => {
      state.jobs.set(job.id, job);
      const row = document.createElement("tr");
      row.setAttribute("role", "row");
      row.dataset.id = job.id;
      fillRow(row, job);
      return row;
    });
    el.jobRows.replaceChildren(...rows);
    el.jobs.hidden = rows.length === 0;
    el.historyEmpty.hidden = rows.length > 0;
    el.pages.hidden = json.totalPages <= 1;
    el.pageText.textContent = "Page " + (state.page + 1) + " of " + Math.max(1, json.totalPages);
    el.newer.disabled = state.page === 0;
    el.older.disabled = state.page + 1 >= json.totalPages;
    if (watched && state.jobs.has(watched.id)) {
      // compared with the copy from before the list, so a job that ended in between is announced
      update(state.jobs.get(watched.id), watched);
    } else if (!state.watched) {
      const running = json.items.find(isActive);
      if (running) {
        watch(running);
      }
    }
    schedulePoll(0);
  }

  async function startExport(event) {
    event.preventDefault();
    clearFieldErrors();
    const body = requestOf();
    if (!body) {
      return;
    }
    if (el.gzip.checked) {
      body.compression = "gzip";
    }
    if (el.notify.checked) {
      body.notify = true;
    }
    el.start.disabled = true;
    el.start.textContent = "Starting…";
    try {
      // a double click or a retry after a lost answer gives back the same job, not a second one
      const { json } = await call("POST", API, body, { "Idempotency-Key": newKey() });
      state.jobs.set(json.id, json);
      watch(json);
      say("Export started (" + describeData(json).toLowerCase() + ").");
      state.page = 0;
      await loadList();
    } catch (error) {
      const placed = error.errors ? showFieldErrors(error.errors) : 0;
      if (placed > 0 && placed === error.errors.length) {
        // each message already stands beside its field
        warn("The export was not started: correct the " + (placed === 1 ? "field" : "fields") + " marked below.");
      } else {
        fail(error);
      }
    } finally {
      el.start.disabled = false;
      el.start.textContent = "Start export";
    }
  }

  /** The request the form describes, or null (with the reason beside its field) when it cannot be sent. */
  function requestOf() {
    const dataset = el.dataset.value;
    const bundle = el.bundle.checked;
    // a bundle: every dataset, each file with all its columns and every status
    const body = bundle ? { datasets: state.datasets.size ? [...state.datasets.keys()] : Object.keys(DATASETS) } : { dataset };
    if (windowed()) {
      if (el.windowRange.checked) {
        const missing = [["from", el.from], ["to", el.to]].filter(([, input]) => !input.value);
        if (missing.length) {
          showFieldErrors(missing.map(([field]) => ({ field, message: "needs a date" })));
          return null;
        }
        body.from = el.from.value;
        body.to = el.to.value;
      } else {
        const days = Number(el.days.value);
        if (!Number.isInteger(days) || days < 1 || days > 365 || el.days.value.trim() === "") {
          showFieldErrors([{ field: "days", message: "must be a whole number from 1 to 365" }]);
          return null;
        }
        body.days = days;
      }
    }
    const zone = el.timezone.value.trim();
    if (zone) {
      body.timezone = zone;
    }
    const boxes = [...el.columns.querySelectorAll("input[type=checkbox]")];
    const chosen = boxes.filter((box) => box.checked).map((box) => box.value);
    if (!bundle && boxes.length && chosen.length === 0) {
      showFieldErrors([{ field: "columns", message: "need at least one checked" }]);
      return null;
    }
    const described = state.datasets.get(dataset);
    const allInOrder = described ? described.columns.map((column) => column.header) : chosen;
    if (!bundle && chosen.join("\n") !== allInOrder.join("\n")) {
      body.columns = chosen; // all of them in file order is the default: left out, the echo stays short
    }
    if (el.destination.value) {
      body.destination = el.destination.value;
    }
    const statuses = [...el.statuses.querySelectorAll("input:checked")].map((box) => box.value);
    if (!bundle && !el.statusField.hidden && statuses.length) {
      body.status = statuses; // none checked: every status, the default, left out
    }
    if (el.format.value !== "csv") {
      body.format = el.format.value;
    } else {
      const csv = { delimiter: el.delimiter.value, lineEnding: el.lineEnding.value, bom: el.bom.checked };
      const defaults = csvDefaults();
      if (csv.delimiter !== defaults.delimiter || csv.lineEnding !== defaults.lineEnding || csv.bom !== defaults.bom) {
        body.csv = csv;
      }
    }
    return body;
  }

  function clearFieldErrors() {
    for (const field of [...Object.values(FIELDS), ...Object.values(SCHEDULE_FIELDS)]) {
      $(field.error).textContent = "";
      $(field.control).removeAttribute("aria-invalid");
    }
  }

  /** Each field error beside its field, in the words of the API; the first one gets the focus. Answers how many found a place. */
  function showFieldErrors(errors) {
    let first = null;
    let placed = 0;
    for (const error of errors) {
      const field = FIELDS[error.field] || SCHEDULE_FIELDS[error.field];
      if (!field) {
        continue; // a field the form has no place for: the alert above names it
      }
      const target = $(field.error);
      const text = field.label + " " + error.message;
      target.textContent = target.textContent ? target.textContent + "; " + text : text;
      const control = $(field.control);
      control.setAttribute("aria-invalid", "true");
      const fold = control.closest("details");
      if (fold) {
        fold.open = true; // a folded field with an error is shown
      }
      first = first || control;
      placed += 1;
    }
    if (first) {
      const focusable = first.matches("input, select") ? first : first.querySelector("input");
      if (focusable && !focusable.disabled) {
        focusable.focus();
      }
    }
    return placed;
  }

  function newKey() {
    if (window.crypto && typeof crypto.randomUUID === "function") {
      return crypto.randomUUID();
    }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function cancel(id) {
    try {
      const { json } = await call("POST", API + "/" + id + "/cancel");
      if (json.status === "RUNNING") {
        state.cancelling.add(id);
        say("Stopping the export…");
      } else {
        say("The export was cancelled.");
      }
      update(json);
      schedulePoll(1);
    } catch (error) {
      fail(error);
      refreshOne(id);
    }
  }

  async function remove(id, trigger) {
    const job = state.jobs.get(id);
    const what = job
      ? "export of " + formatTime(new Date(job.createdAt)) + " (" + describeData(job).toLowerCase() + ")"
      : "export";
    if (!window.confirm("Delete the " + what + "? Its file is removed too.")) {
      return;
    }
    const hadFocus = trigger && trigger === document.activeElement;
    try {
      await call("DELETE", API + "/" + id);
      forget(id);
      say("The " + what + " was deleted.");
      if (hadFocus) {
        el.historyHeading.focus();
      }
      await loadList();
    } catch (error) {
      fail(error);
    }
  }

  async function refreshOne(id) {
    try {
      const { json } = await call("GET", API + "/" + id);
      update(json);
    } catch (error) {
      if (error.status === 404) {
        forget(id);
      }
    }
  }

  /**
   * The job's presigned link is on the store's origin and lasts minutes, so a click first reloads
   * the job for a fresh link, then lets the browser follow it (the store answers as an attachment).
   */
  async function download(event) {
    const link = event.currentTarget;
    if (link.dataset.fresh === "yes") {
      delete link.dataset.fresh;
      return;
    }
    event.preventDefault();
    try {
      const { json } = await call("GET", API + "/" + link.dataset.id);
      update(json);
      if (json.status !== "SUCCEEDED" || !json.download) {
        warn("This export has no file to download: it is " + stateLabel(json).toLowerCase() + ".");
        return;
      }
      link.href = json.download.url;
      link.dataset.fresh = "yes";
      link.click();
      say("Downloading " + json.result.fileName + ".");
    } catch (error) {
      if (error.status === 404) {
        forget(link.dataset.id);
      }
      fail(error);
    }
  }

  // ---- the watched job's events -------------------------------------------------------------

  // GET …/events answers server-sent events. EventSource cannot send the bearer token, so the page
  // reads the stream with fetch. When the stream fails (an old proxy, a network that drops it) the
  // page tries again with Last-Event-ID, and after STREAM_TRIES failures in a row polls that job.

  function follow(job) {
    if (state.stream && state.stream.id === job.id) {
      return;
    }
    stopFollowing();
    if (!isActive(job) || !window.ReadableStream || !window.AbortController) {
      return;
    }
    state.stream = { id: job.id, abort: null, lastEventId: null, failures: 0, heardAt: Date.now() };
    listen(state.stream);
    schedulePoll(STREAM_SILENCE_MS / 1000);
  }

  function stopFollowing() {
    const stream = state.stream;
    state.stream = null;
    if (stream && stream.abort) {
      stream.abort.abort();
    }
  }

  async function listen(stream) {
    stream.abort = new AbortController();
    const headers = { Accept: "text/event-stream", Authorization: "Bearer " + state.token };
    if (stream.lastEventId) {
      headers["Last-Event-ID"] = stream.lastEventId;
    }
    let ended = false;
    try {
      const response = await fetch(API + "/" + stream.id + "/events",
        { cache: "no-store", headers, signal: stream.abort.signal });
      if (!response.ok || !response.body) {
        throw await problemOf(response);
      }
      await readEvents(response.body, stream);
      ended = true;
    } catch (error) {
      if (state.stream !== stream) {
        return; // stopped on purpose
      }
      if (error.status === 404) {
        forget(stream.id);
        return;
      }
      if (error.status === 401 || error.status === 403) {
        fail(error);
        return;
      }
    }
    if (state.stream !== stream) {
      return;
    }
    const job = state.jobs.get(stream.id);
    if (ended && !isActive(job)) {
      state.stream = null; // the job finished: its last event came
      schedulePoll(0); // its delivery, if it names a destination, comes later: polled
      return;
    }
    // the stream ended early or failed: once more with Last-Event-ID, or poll
    stream.failures = ended ? 0 : stream.failures + 1;
    if (stream.failures >= STREAM_TRIES) {
      state.stream = null;
      schedulePoll(0);
      return;
    }
    setTimeout(() => {
      if (state.stream === stream) {
        listen(stream);
      }
    }, 1000 * stream.failures);
  }

  /** Reads `id:`, `event:` and `data:` lines; a blank line ends an event. Comment lines are skipped. */
  async function readEvents(body, stream) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let event = { id: null, name: null, data: [] };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
        if (line === "") {
          if (event.name === "job" && event.data.length > 0) {
            stream.lastEventId = event.id || stream.lastEventId;
            stream.failures = 0;
            stream.heardAt = Date.now();
            received(JSON.parse(event.data.join("\n")));
          }
          event = { id: null, name: null, data: [] };
          continue;
        }
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "id") {
          event.id = text;
        } else if (field === "event") {
          event.name = text;
        } else if (field === "data") {
          event.data.push(text);
        }
      }
    }
  }

  function received(job) {
    if (state.pollFailed) {
      state.pollFailed = false;
      say("Back in touch with the export service.");
    }
    update(job);
  }

  // ---- polling ------------------------------------------------------------------------------

  function stopPolling() {
    clearTimeout(state.pollTimer);
    state.pollTimer = null;
  }

  /** A succeeded job whose file is still on its way to its destination (its event stream has ended). */
  const awaitsDelivery = (job) => job.status === "SUCCEEDED" && Boolean(job.parameters && job.parameters.destination)
    && (!job.delivery || job.delivery.status === "PENDING");

  /** Whether the job an event stream follows has heard nothing for a while (its next event may be lost). */
  const streamSilent = () => state.stream !== null && Date.now() - state.stream.heardAt > STREAM_SILENCE_MS;

  /**
   * The jobs polling looks after: the active ones but the one an event stream follows (unless its
   * stream has been silent for a while), and deliveries under way.
   */
  function polled() {
    return [...state.jobs.values()].filter((job) => (isActive(job)
      && !(state.stream && state.stream.id === job.id && !streamSilent()))
      || awaitsDelivery(job));
  }

  function schedulePoll(delaySeconds) {
    stopPolling();
    const active = polled().length > 0 || state.stream !== null;
    if (active && state.token) {
      state.pollTimer = setTimeout(poll, delaySeconds * 1000);
    }
  }

  async function poll() {
    state.pollTimer = null;
    let wait = DEFAULT_POLL_SECONDS;
    for (const job of polled()) {
      try {
        const { json, retryAfter } = await call("GET", API + "/" + job.id);
        if (state.pollFailed) {
          state.pollFailed = false;
          say("Back in touch with the export service.");
        }
        update(json);
        if (retryAfter !== null) {
          wait = Math.max(wait, retryAfter);
        }
      } catch (error) {
        if (error.status === 404) {
          forget(job.id);
          continue;
        }
        fail(error);
        if (error.status === 401 || error.status === 403) {
          return;
        }
        state.pollFailed = true;
        wait = Math.max(wait, error.retryAfter || 5);
        break;
      }
    }
    if (!polled().some(isActive)) {
      wait = Math.max(wait, 5); // only deliveries to follow: they are tried for hours, no need to ask often
    }
    schedulePoll(Math.min(wait, 30));
  }

  // ---- drawing ------------------------------------------------------------------------------

  function rowOf(id) {
    return [...el.jobRows.children].find((row) => row.dataset.id === id) || null;
  }

  function cell(label, text, className) {
    const td = document.createElement("td");
    td.setAttribute("role", "cell");
    td.dataset.label = label;
    if (className) {
      td.className = className;
    }
    td.textContent = text;
    return td;
  }

  /** Fills a row; its buttons are rebuilt only when the state changes, so keyboard focus stays put. */
  function fillRow(row, job) {
    const key = job.status + (state.cancelling.has(job.id) ? "/cancelling" : "");
    if (row.dataset.state !== key) {
      const hadFocus = row.contains(document.activeElement);
      const status = cell("State", "");
      const badge = document.createElement("span");
      badge.className = "badge badge-" + job.status.toLowerCase();
      status.append(badge);
      if (job.status === "FAILED") {
        const reason = document.createElement("span");
        reason.className = "reason";
        reason.textContent = errorText(job);
        status.append(reason);
      }
      const actions = document.createElement("div");
      actions.className = "actions";
      actions.append(...actionsFor(job, "row"));
      const actionsCell = cell("Actions", "", "action-cell");
      actionsCell.append(actions);
      row.replaceChildren(
        cell("Requested", "", "created"), cell("Data", ""), status,
        cell("Rows", "", "num rows"), cell("Size", "", "num size"), actionsCell);
      row.dataset.state = key;
      if (hadFocus) {
        keepFocusIn(actions, el.historyHeading);
      }
    }
    const cells = row.children;
    cells[0].textContent = formatTime(new Date(job.createdAt));
    cells[1].textContent = describeData(job);
    cells[2].querySelector(".badge").textContent = stateLabel(job);
    cells[3].textContent = job.status === "QUEUED" ? "–" : formatCount(rowsOf(job));
    cells[4].textContent = job.result ? formatSize(job.result.sizeBytes) : "–";
    const link = cells[5].querySelector("a.download");
    if (link && job.download) {
      link.href = job.download.url;
    }
  }

  function actionsFor(job, where) {
    const name = describeData(job).toLowerCase() + " export of " + formatTime(new Date(job.createdAt));
    const actions = [];
    if (job.status === "SUCCEEDED" && job.result) {
      const link = document.createElement("a");
      link.className = "button download";
      link.href = job.download ? job.download.url : API + "/" + job.id + "/download";
      link.setAttribute("download", job.result.fileName);
      link.dataset.id = job.id;
      link.textContent = "Download";
      link.setAttribute("aria-label", "Download " + job.result.fileName);
      link.addEventListener("click", download);
      actions.push(link);
    }
    if (isActive(job)) {
      const stop = button("Cancel", "Cancel the " + name, () => cancel(job.id));
      stop.classList.add("cancel");
      stop.disabled = state.cancelling.has(job.id);
      actions.push(stop);
    }
    if (where === "row") {
      const del = button("Delete", "Delete the " + name, (event) => remove(job.id, event.currentTarget));
      del.classList.add("secondary", "delete");
      actions.push(del);
    }
    return actions;
  }

  /** The buttons of a job change with its state; a keyboard user stays where they were. */
  function keepFocusIn(container, otherwise) {
    const next = container.querySelector("a, button:not(:disabled)");
    (next || otherwise).focus();
  }

  function button(text, label, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", onClick);
    return b;
  }

  function fillCurrent(job) {
    el.currentTitle.textContent = describeData(job) + " · " + stateLabel(job);
    const bar = el.currentProgress;
    const rows = rowsOf(job);
    const estimated = job.progress && job.progress.estimatedRows;
    // the estimate is the database's guess: once the rows outgrow it, it says nothing any more
    if (isActive(job) && estimated > 0 && rows <= estimated) {
      bar.max = estimated;
      bar.value = rows;
      const percent = Math.min(99, Math.floor((rows * 100) / estimated));
      el.currentText.textContent = formatCount(rows) + " of about " + formatCount(estimated) + " rows (" + percent + "%)";
    } else if (isActive(job)) {
      bar.removeAttribute("value"); // indeterminate: we do not know how many rows there will be
      el.currentText.textContent = job.status === "QUEUED"
        ? "Waiting for a worker…"
        : formatCount(rows) + " rows written so far" + (state.cancelling.has(job.id) ? ", stopping…" : "");
    } else {
      bar.max = 1;
      bar.value = job.status === "SUCCEEDED" ? 1 : 0;
      el.currentText.textContent = endText(job);
    }
    bar.setAttribute("aria-valuetext", el.currentText.textContent);
    // drawn again once the job says as of when its rows are, and as its delivery goes on
    const shown = job.id + (job.dataAsOf || "")
      + (job.delivery ? "/" + job.delivery.status + "/" + (job.delivery.error || {}).code : "");
    if (el.currentParameters.dataset.id !== shown) {
      el.currentParameters.replaceChildren(...parameterLines(job).flatMap(([name, value]) => {
        const dt = document.createElement("dt");
        dt.textContent = name;
        const dd = document.createElement("dd");
        dd.textContent = value;
        dd.dataset.name = name;
        return [dt, dd];
      }));
      el.currentParameters.dataset.id = shown;
    }
    const key = job.id + job.status + (state.cancelling.has(job.id) ? "/cancelling" : "");
    if (el.currentActions.dataset.state !== key) {
      const hadFocus = el.currentActions.contains(document.activeElement);
      el.currentActions.replaceChildren(...actionsFor(job, "current"));
      el.currentActions.dataset.state = key;
      if (hadFocus) {
        keepFocusIn(el.currentActions, el.currentHeading);
      }
    }
    const link = el.currentActions.querySelector("a.download");
    if (link && job.download) {
      link.href = job.download.url;
    }
  }

  function endText(job) {
    switch (job.status) {
      case "SUCCEEDED":
        return "Done: " + formatCount(job.result.rowCount) + " rows, " + formatSize(job.result.sizeBytes) + ".";
      case "FAILED":
        return "Failed: " + errorText(job);
      case "CANCELLED":
        return "Cancelled; no file was kept.";
      case "EXPIRED":
        return "The file was removed after its retention period.";
      default:
        return stateLabel(job);
    }
  }

  // ---- the form, from GET /api/v1/datasets -------------------------------------------------

  function parameterOf(name) {
    const dataset = state.datasets.get(el.dataset.value);
    return dataset ? dataset.parameters.find((p) => p.name === name) || null : null;
  }

  /** Before the datasets are in, payments alone takes a window, as the API says; a bundle holds payments. */
  function windowed() {
    if (el.bundle.checked) {
      return true;
    }
    return state.datasets.size ? parameterOf("days") !== null : el.dataset.value === "payments";
  }

  function csvDefaults() {
    const delimiter = parameterOf("csv.delimiter");
    const lineEnding = parameterOf("csv.lineEnding");
    const bom = parameterOf("csv.bom");
    return {
      delimiter: delimiter && delimiter.default !== undefined ? delimiter.default : ",",
      lineEnding: lineEnding && lineEnding.default !== undefined ? lineEnding.default : "CRLF",
      bom: bom && bom.default !== undefined ? bom.default === "true" : false,
    };
  }

  async function loadDatasets() {
    const { json } = await call("GET", DATASETS_API);
    state.datasets = new Map(json.datasets.map((dataset) => [dataset.id, dataset]));
    const chosen = el.dataset.value;
    el.dataset.replaceChildren(...json.datasets.map((dataset) => {
      const option = document.createElement("option");
      option.value = dataset.id;
      option.textContent = DATASETS[dataset.id] || dataset.id;
      return option;
    }));
    if (state.datasets.has(chosen)) {
      el.dataset.value = chosen;
    }
    datasetChanged();
  }

  /** A select's options from a parameter's values, keeping the labels the page has for known ones. */
  function fillOptions(select, parameter, label) {
    if (!parameter || !Array.isArray(parameter.values)) {
      return;
    }
    const chosen = select.value;
    select.replaceChildren(...parameter.values.map((value) => {
      const known = [...select.options].find((option) => option.value === value);
      const option = document.createElement("option");
      option.value = value;
      option.textContent = known ? known.textContent : label(value);
      return option;
    }));
    select.value = parameter.values.includes(chosen) ? chosen : parameter.default || parameter.values[0];
  }

  function datasetChanged() {
    clearFieldErrors();
    const dataset = state.datasets.get(el.dataset.value);
    if (dataset) {
      el.columns.replaceChildren(...dataset.columns.map((column, index) => {
        const choice = document.createElement("span");
        choice.className = "choice";
        const box = document.createElement("input");
        box.type = "checkbox";
        box.id = "column-" + index;
        box.value = column.header;
        box.checked = true;
        const label = document.createElement("label");
        label.htmlFor = box.id;
        label.textContent = column.header;
        const earlier = document.createElement("button");
        earlier.type = "button";
        earlier.className = "secondary small move";
        earlier.textContent = "↑";
        earlier.dataset.move = column.header;
        earlier.title = "Move " + column.header + " earlier";
        earlier.setAttribute("aria-label", earlier.title);
        earlier.addEventListener("click", () => moveEarlier(choice, earlier));
        choice.append(box, label, earlier);
        return choice;
      }));
      fillStatuses(parameterOf("status"));
      fillOptions(el.format, parameterOf("format"), (value) => value.toUpperCase());
      fillOptions(el.delimiter, parameterOf("csv.delimiter"), (value) => DELIMITERS[value] || value);
      fillOptions(el.lineEnding, parameterOf("csv.lineEnding"), (value) => value);
      const days = parameterOf("days");
      if (days) {
        el.days.min = days.minimum;
        el.days.max = days.maximum;
        el.daysHelp.textContent = "Payments created in the last " + days.minimum + " to " + days.maximum + " days.";
      }
    }
    showChoices();
  }

  /** One checkbox a status the dataset takes, none checked (every status); no filter where it takes none. */
  function fillStatuses(parameter) {
    const values = parameter && parameter.values ? parameter.values : [];
    el.statuses.replaceChildren(...values.map((value) => {
      const choice = document.createElement("span");
      choice.className = "choice";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.id = "status-" + value;
      box.value = value;
      const label = document.createElement("label");
      label.htmlFor = box.id;
      label.textContent = value.replace(/_/g, " ");
      choice.append(box, label);
      return choice;
    }));
  }

  /** Shows the fields the choices so far call for; hidden ones are disabled too, so they are not sent. */
  function showChoices() {
    const bundle = el.bundle.checked;
    el.dataset.disabled = bundle;
    el.columnsField.hidden = bundle || !state.datasets.get(el.dataset.value);
    el.statusField.hidden = bundle || el.statuses.children.length === 0;
    const takesWindow = windowed();
    el.windowField.hidden = !takesWindow;
    el.sinceLastRunField.hidden = !takesWindow; // payments alone: only they have a created_at window
    const range = takesWindow && el.windowRange.checked;
    el.daysField.hidden = range;
    el.days.disabled = !takesWindow || range;
    el.rangeField.hidden = !range;
    el.from.disabled = !range;
    el.to.disabled = !range;
    const csv = el.format.value === "csv";
    el.csvField.hidden = !csv;
    el.csvField.disabled = !csv;
  }

  /** The browser's zone first; the full list where the browser has one, else any IANA id can be typed. */
  function fillZones() {
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    let zones = [];
    if (typeof Intl.supportedValuesOf === "function") {
      try {
        zones = Intl.supportedValuesOf("timeZone");
      } catch (e) {
        zones = [];
      }
    }
    const all = [...new Set([own, "UTC", ...zones])];
    el.timezones.replaceChildren(...all.map((zone) => {
      const option = document.createElement("option");
      option.value = zone;
      return option;
    }));
    el.timezone.value = own;
    el.scheduleZone.value = own;
  }

  /** Columns are written in the order they stand here: one step earlier, keeping the focus on the button. */
  function moveEarlier(choice, button) {
    const before = choice.previousElementSibling;
    if (before) {
      el.columns.insertBefore(choice, before);
      button.focus();
    }
  }

  function checkAllColumns(checked) {
    for (const box of el.columns.querySelectorAll("input[type=checkbox]")) {
      box.checked = checked;
    }
  }

  // ---- start --------------------------------------------------------------------------------

  // ---- schedules ----------------------------------------------------------------------------

  /** Saves the form's export as a schedule: the same request the Start button sends, with a cron and its zone. */
  async function saveSchedule() {
    clearFieldErrors();
    const exportRequest = requestOf();
    if (!exportRequest) {
      return;
    }
    if (el.gzip.checked) {
      exportRequest.compression = "gzip";
    }
    if (el.notify.checked) {
      exportRequest.notify = true;
    }
    const body = { export: exportRequest, cron: el.cron.value.trim(), timezone: el.scheduleZone.value.trim() };
    if (!el.sinceLastRunField.hidden && el.sinceLastRun.checked) {
      body.window = "sinceLastRun";
    }
    el.saveSchedule.disabled = true;
    try {
      const { json } = await call("POST", SCHEDULES_API, body);
      say("Schedule saved: " + describeSchedule(json) + ", next run " + formatTime(new Date(json.nextFireAt)) + ".");
      await loadSchedules();
    } catch (error) {
      // the export's fields are named export.<field>: shown beside the export's own controls
      const errors = (error.errors || []).map((e) => ({ ...e, field: e.field.replace(/^export\./, "") }));
      const placed = errors.length ? showFieldErrors(errors) : 0;
      if (placed > 0 && placed === errors.length) {
        warn("The schedule was not saved: correct the " + (placed === 1 ? "field" : "fields") + " marked below.");
      } else {
        fail(error);
      }
    } finally {
      el.saveSchedule.disabled = false;
    }
  }

  function describeSchedule(schedule) {
    return describeScheduleData(schedule) + " at “" + schedule.cron + "” (" + schedule.timezone + ")";
  }

  /** What each run exports: for a schedule of only what is new, its first run's days. */
  function describeScheduleData(schedule) {
    const data = describeData({
      dataset: schedule.export.dataset, datasets: schedule.export.datasets, parameters: schedule.export,
    });
    return schedule.window === "sinceLastRun"
      ? data.replace(/last (\d+ days?)/, "new since the last run (first run: last $1)")
      : data;
  }

  async function loadSchedules() {
    const { json } = await call("GET", SCHEDULES_API);
    const rows = json.items.map((schedule) => {
      const row = document.createElement("tr");
      row.setAttribute("role", "row");
      row.dataset.id = schedule.id;
      const name = describeSchedule(schedule);
      const toggle = schedule.paused
        ? button("Resume", "Resume the schedule " + name, () => setPaused(schedule.id, false))
        : button("Pause", "Pause the schedule " + name, () => setPaused(schedule.id, true));
      toggle.classList.add("secondary", "pause");
      const del = button("Delete", "Delete the schedule " + name, () => removeSchedule(schedule.id, name));
      del.classList.add("secondary", "delete");
      const actions = document.createElement("div");
      actions.className = "actions";
      actions.append(toggle, del);
      const actionsCell = cell("Actions", "", "action-cell");
      actionsCell.append(actions);
      row.append(
        cell("When", schedule.cron + " (" + schedule.timezone + ")"),
        cell("Data", describeScheduleData(schedule)),
        cell("Next run", schedule.paused ? "–" : formatTime(new Date(schedule.nextFireAt))),
        cell("State", schedule.paused ? "Paused" : "Active"),
        actionsCell);
      return row;
    });
    el.scheduleRows.replaceChildren(...rows);
    el.scheduleTable.hidden = rows.length === 0;
    el.schedulesEmpty.hidden = rows.length > 0;
  }

  async function setPaused(id, paused) {
    try {
      await call("PATCH", SCHEDULES_API + "/" + id, { paused });
      say(paused ? "Schedule paused." : "Schedule resumed.");
      await loadSchedules();
      el.schedulesHeading.focus();
    } catch (error) {
      fail(error);
      await loadSchedules().catch(() => {});
    }
  }

  async function removeSchedule(id, name) {
    if (!window.confirm("Delete the schedule " + name + "? The exports it made stay.")) {
      return;
    }
    try {
      await call("DELETE", SCHEDULES_API + "/" + id);
      say("Schedule deleted; the exports it made stay.");
    } catch (error) {
      fail(error);
    }
    await loadSchedules().catch(fail);
    el.schedulesHeading.focus();
  }

  // ---- destinations -------------------------------------------------------------------------

  const DELIVERY_STATES = { PENDING: "being delivered", DELIVERED: "delivered", FAILED: "not delivered" };

  /** Where a job's file goes and how far it got, in words. */
  function deliveryText(job) {
    const name = state.destinations.get(job.parameters.destination) || "a destination";
    const delivery = job.delivery;
    if (!delivery) {
      return "to " + name + ", once the file is ready";
    }
    let text = DELIVERY_STATES[delivery.status] + " to " + name;
    if (delivery.location) {
      text += " (" + delivery.location + ")";
    }
    if (delivery.error) {
      text += (delivery.status === "PENDING" ? ", trying again: " : ": ") + delivery.error.message;
    }
    return text;
  }

  function describeDestination(destination) {
    return destination.type === "s3"
      ? "S3 " + (destination.endpoint || "AWS") + " bucket " + destination.bucket + "/" + destination.prefix
      : "SFTP " + destination.username + "@" + destination.host + ":" + destination.port + destination.directory;
  }

  async function loadDestinations() {
    const { json } = await call("GET", DESTINATIONS_API);
    state.destinations = new Map(json.items.map((destination) => [destination.id, destination.name]));
    const chosen = el.destination.value;
    const options = json.items.map((destination) => {
      const option = document.createElement("option");
      option.value = destination.id;
      option.textContent = destination.name;
      return option;
    });
    el.destination.replaceChildren(el.destination.options[0], ...options);
    el.destination.value = state.destinations.has(chosen) ? chosen : "";
    const rows = json.items.map((destination) => {
      const row = document.createElement("tr");
      row.setAttribute("role", "row");
      row.dataset.id = destination.id;
      const test = button("Test", "Test the destination " + destination.name, () => testDestination(destination));
      test.classList.add("secondary", "test");
      const del = button("Delete", "Delete the destination " + destination.name, () => removeDestination(destination));
      del.classList.add("secondary", "delete");
      const actions = document.createElement("div");
      actions.className = "actions";
      actions.append(test, del);
      const actionsCell = cell("Actions", "", "action-cell");
      actionsCell.append(actions);
      row.append(cell("Name", destination.name), cell("Where", describeDestination(destination)), actionsCell);
      return row;
    });
    el.destinationRows.replaceChildren(...rows);
    el.destinationTable.hidden = rows.length === 0;
    el.destinationsEmpty.hidden = rows.length > 0;
  }

  function showDestinationType() {
    const s3 = el.destinationType.value === "s3";
    el.s3Fields.hidden = !s3;
    el.sftpFields.hidden = s3;
  }

  /** The form's fields of the chosen type, empty ones left out. */
  function destinationRequest() {
    const body = { type: el.destinationType.value };
    const fields = [$("destination-name"), ...(body.type === "s3" ? el.s3Fields : el.sftpFields).querySelectorAll("input, textarea")];
    for (const input of fields) {
      if (input.type === "checkbox") {
        body[input.name] = input.checked;
      } else if (input.type === "number") {
        body[input.name] = Number(input.value);
      } else if (input.value.trim()) {
        body[input.name] = input.name === "privateKey" ? input.value.trim() + "\n" : input.value.trim();
      }
    }
    return body;
  }

  async function addDestination(event) {
    event.preventDefault();
    el.destinationFormError.textContent = "";
    el.addDestination.disabled = true;
    try {
      const { json } = await call("POST", DESTINATIONS_API, destinationRequest());
      el.destinationForm.querySelectorAll("input[type=password], textarea").forEach((input) => { input.value = ""; });
      say("Destination " + json.name + " added. Test it to see that files can be written there.");
      await loadDestinations();
    } catch (error) {
      if (error.errors && error.errors.length) {
        el.destinationFormError.textContent = error.errors.map((e) => e.field + " " + e.message).join("; ");
      } else {
        fail(error);
      }
    } finally {
      el.addDestination.disabled = false;
    }
  }

  async function testDestination(destination) {
    say("Testing " + destination.name + "…");
    try {
      const { json } = await call("POST", DESTINATIONS_API + "/" + destination.id + "/test");
      if (json.ok) {
        say(destination.name + " works: a test file was written there and removed.");
      } else {
        warn(destination.name + " does not work: " + json.reason + ".");
      }
    } catch (error) {
      fail(error);
    }
  }

  async function removeDestination(destination) {
    if (!window.confirm("Delete the destination " + destination.name + "?")) {
      return;
    }
    try {
      await call("DELETE", DESTINATIONS_API + "/" + destination.id);
      say("Destination " + destination.name + " deleted.");
    } catch (error) {
      fail(error);
    }
    await loadDestinations().catch(fail);
    el.destinationsHeading.focus();
  }

  async function signedIn() {
    showSession();
    if (!state.token) {
      say("Paste a token to start.");
      return;
    }
    try {
      // the form's choices and the list load together; either failing says why once
      await Promise.all([loadDatasets(), loadList(), loadSchedules(), loadDestinations()]);
    } catch (error) {
      // a token that may not export has no exports to list either
      el.history.hidden = error.status === 403;
      el.schedules.hidden = error.status === 403;
      el.destinations.hidden = error.status === 403;
      fail(error);
    }
  }

  el.tokenForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const token = el.token.value.trim().replace(/^Bearer\s+/i, "");
    if (!token) {
      warn("Paste a token first.");
      el.token.focus();
      return;
    }
    storeToken(token);
    el.token.value = "";
    say("Token saved for this tab.");
    signedIn();
  });
  el.signOut.addEventListener("click", () => {
    signOut();
    say("The token was forgotten.");
  });
  el.exportForm.addEventListener("submit", startExport);
  el.saveSchedule.addEventListener("click", saveSchedule);
  el.destinationForm.addEventListener("submit", addDestination);
  el.destinationType.addEventListener("change", showDestinationType);
  el.dataset.addEventListener("change", datasetChanged);
  el.bundle.addEventListener("change", () => {
    clearFieldErrors();
    showChoices();
  });
  el.windowDays.addEventListener("change", showChoices);
  el.windowRange.addEventListener("change", showChoices);
  el.format.addEventListener("change", showChoices);
  el.columnsAll.addEventListener("click", () => checkAllColumns(true));
  el.columnsNone.addEventListener("click", () => checkAllColumns(false));
  el.refresh.addEventListener("click", () => loadList().then(() => say("The list is up to date."), fail));
  el.newer.addEventListener("click", () => {
    state.page = Math.max(0, state.page - 1);
    loadList().catch(fail);
  });
  el.older.addEventListener("click", () => {
    state.page += 1;
    loadList().catch(fail);
  });
  window.addEventListener("hashchange", () => {
    if (takeTokenFromFragment()) {
      say("Signed in from the link.");
      signedIn();
    }
  });

  takeTokenFromFragment();
  state.token = state.token || readStoredToken();
  fillZones();
  showChoices();
  signedIn();
})();
