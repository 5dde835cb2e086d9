#!/usr/bin/env python3
"""What can be checked of deploy/Dockerfile on a machine without a Docker engine.

Runs the Dockerfile's own steps outside Docker: the build context as .dockerignore filters it, the build stage's
WORKDIR/COPY/RUN (restore layer first, then sources, then `dotnet publish -c Release`), the runtime stage's files and
ENV, then starts the published app as the image would (Production, SQLite in App_Data, a throwaway key), runs the
image's HEALTHCHECK command against it, asks /readyz, runs `migrate`, and stops it with SIGTERM.

Not checked: the base images themselves (their ICU, their `app` user), layer caching, anything Docker does.
Usage: python3 deploy/check-image.py        (from anywhere; about a minute on 2 cores)
"""
import base64
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCKERFILE = os.path.join(REPO, "deploy", "Dockerfile")


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def ok(message):
    print(f"ok    {message}")


def instructions(path):
    """(instruction, arguments) pairs: comments dropped, continuation lines joined."""
    lines, current = [], ""
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not current and line.lstrip().startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        if current.strip():
            word, _, rest = current.strip().partition(" ")
            lines.append((word.upper(), rest.strip()))
        current = ""
    return lines


def stages(steps):
    args, result = {}, []
    for word, rest in steps:
        if word == "ARG" and not result:
            name, _, default = rest.partition("=")
            args[name] = default
        elif word == "FROM":
            image, _, name = rest.partition(" AS ")
            image = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], image.strip())
            result.append({"image": image, "name": name.strip(), "steps": []})
        else:
            result[-1]["steps"].append((word, rest))
    return result


def dockerignore_filter(root):
    """The files Docker would send as the build context (last matching pattern wins; `!` re-includes)."""
    patterns = []
    for line in open(os.path.join(root, ".dockerignore"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line.lstrip("!").strip("/")
        regex = re.escape(pattern).replace(r"\*\*/", "(.*/)?").replace(r"\*\*", ".*").replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
        patterns.append((negate, re.compile(f"^{regex}$")))

    def excluded(relative):
        parts = relative.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        result = False
        for negate, regex in patterns:
            if any(regex.match(p) for p in prefixes):
                result = not negate
        return result

    kept = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        for file in files:
            relative = os.path.relpath(os.path.join(folder, file), root).replace(os.sep, "/")
            if not excluded(relative):
                kept.append(relative)
    return kept


def copy(context, sources, destination, workdir, root):
    target = container_path(root, destination if destination.startswith("/") else os.path.join(workdir, destination))
    for source in sources:
        origin = os.path.join(context, source)
        if not os.path.exists(origin):
            fail(f"COPY {source}: not in the build context (.dockerignore leaves it out, or it does not exist)")
        if os.path.isdir(origin):
            shutil.copytree(origin, target, dirs_exist_ok=True)
        else:
            into = target if destination.endswith("/") or len(sources) > 1 else os.path.dirname(target)
            os.makedirs(into, exist_ok=True)
            shutil.copy2(origin, into if (destination.endswith("/") or len(sources) > 1) else target)


def container_path(root, path):
    return os.path.join(root, os.path.normpath(path).lstrip("/"))


def in_root(root, command):
    """Rewrites the container's absolute paths (/src, /app) to their place under root."""
    return re.sub(r"(?<![\w.])/(src|app)\b", lambda m: os.path.join(root, m.group(1)), command)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    steps = instructions(DOCKERFILE)
    build, runtime = stages(steps)
    for stage in (build, runtime):
        if "alpine" in stage["image"]:
            fail(f"{stage['image']}: Alpine images lack ICU unless icu-libs is added; Khmer needs globalization")
    ok(f"base images {build['image']} and {runtime['image']} (Ubuntu, with ICU)")

    env = {}
    for word, rest in runtime["steps"]:
        if word == "ENV":
            for pair in shlex.split(rest):
                name, _, value = pair.partition("=")
                env[name] = value
    suspicious = [n for n in env if re.search(r"key|secret|password|token|connectionstring", n, re.I)]
    if suspicious:
        fail(f"the image sets {suspicious}: settings that are secrets must come from the environment at run time")
    users = [rest for word, rest in runtime["steps"] if word == "USER"]
    if not users or users[-1] in ("root", "0"):
        fail("the runtime stage must end as a non-root USER")
    if env.get("ASPNETCORE_URLS") != "http://+:8080":
        fail("ASPNETCORE_URLS must be http://+:8080 (App Service's WEBSITES_PORT in deploy/azure points there)")
    healthchecks = [rest for word, rest in runtime["steps"] if word == "HEALTHCHECK"]
    if not healthchecks:
        fail("no HEALTHCHECK")
    healthcheck = json.loads(healthchecks[-1][healthchecks[-1].index("CMD") + 3:].strip())
    entrypoint = json.loads(next(rest for word, rest in runtime["steps"] if word == "ENTRYPOINT"))
    ok(f"runtime stage: USER {users[-1]}, ASPNETCORE_URLS {env['ASPNETCORE_URLS']}, no secrets in ENV, HEALTHCHECK {healthcheck[0]}")

    scratch = tempfile.mkdtemp(prefix="central-image-")
    try:
        context = os.path.join(scratch, "context")
        files = dockerignore_filter(REPO)
        for relative in files:
            os.makedirs(os.path.dirname(os.path.join(context, relative)), exist_ok=True)
            shutil.copy2(os.path.join(REPO, relative), os.path.join(context, relative))
        leaked = [f for f in files if re.search(r"(^|/)(App_Data|bin|obj|tests|\.git)/|\.key$|\.db$", f)]
        if leaked:
            fail(f".dockerignore lets these into the build context: {leaked[:5]}")
        ok(f"build context: {len(files)} files, none from App_Data, bin, obj, tests or .git")

        for stage in (build, runtime):
            root = os.path.join(scratch, stage["name"])
            workdir = "/"
            for word, rest in stage["steps"]:
                if word == "WORKDIR":
                    workdir = rest
                    os.makedirs(container_path(root, workdir), exist_ok=True)
                elif word == "COPY":
                    parts = shlex.split(rest)
                    source_root = context
                    if parts[0].startswith("--from="):
                        source_root = os.path.join(scratch, parts.pop(0).split("=", 1)[1])
                        parts = [p.lstrip("/") for p in parts[:-1]] + parts[-1:]
                    copy(source_root, parts[:-1], parts[-1], workdir, root)
                elif word == "RUN":
                    started = time.monotonic()
                    command = in_root(root, rest)
                    result = subprocess.run(["bash", "-c", command], cwd=container_path(root, workdir),
                                            env={**os.environ, "APP_UID": str(os.getuid())}, capture_output=True, text=True)
                    if result.returncode != 0:
                        fail(f"{stage['name']} stage: RUN {rest}\n{result.stdout[-4000:]}{result.stderr[-4000:]}")
                    ok(f"{stage['name']} stage: RUN {rest} ({time.monotonic() - started:.0f} s)")
            stage["root"], stage["workdir"] = root, workdir

        app = container_path(runtime["root"], runtime["workdir"])
        config = json.load(open(os.path.join(app, "Central.Bot.runtimeconfig.json")))
        invariant = config["runtimeOptions"].get("configProperties", {}).get("System.Globalization.Invariant")
        if invariant is not False:
            fail(f"System.Globalization.Invariant is {invariant!r} in the published app; Khmer needs ICU (false)")
        ok("published app: System.Globalization.Invariant false (ICU used)")
        for forbidden in ("personal-data.key", "central.db", "appsettings.Development.json"):
            if os.path.exists(os.path.join(app, forbidden)) or os.path.exists(os.path.join(app, "App_Data", forbidden)):
                fail(f"the published app contains {forbidden}")

        port = free_port()
        settings = {
            **os.environ, **env,
            "ASPNETCORE_URLS": f"http://127.0.0.1:{port}",
            "ASPNETCORE_ENVIRONMENT": "Production",
            "Database__Provider": "Sqlite",
            "ConnectionStrings__Central": "Data Source=App_Data/central.db",
            # A throwaway key for this run only.
            "PersonalData__Key": base64.b64encode(secrets.token_bytes(32)).decode(),
        }
        log = open(os.path.join(scratch, "service.log"), "w+")
        service = subprocess.Popen(entrypoint, cwd=app, env=settings, stdout=log, stderr=subprocess.STDOUT)
        try:
            probe = [part.replace("/8080", f"/{port}") for part in healthcheck]
            deadline = time.monotonic() + 60
            while subprocess.run(probe, capture_output=True).returncode != 0:
                if service.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    fail(f"the image's HEALTHCHECK never passed; service output:\n{log.read()[-4000:]}")
                time.sleep(0.5)
            ok("the image's HEALTHCHECK command passes against the running app (GET /healthz)")
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as response:
                if response.status != 200:
                    fail(f"/readyz answered {response.status}")
            ok("GET /readyz: 200 (database reachable and migrated)")
            migrate = subprocess.run(entrypoint + ["migrate"], cwd=app, env=settings, capture_output=True, text=True)
            if migrate.returncode != 0 or "schema version" not in migrate.stdout:
                fail(f"migrate exited {migrate.returncode}: {migrate.stdout}{migrate.stderr}")
            ok(f"migrate: {migrate.stdout.strip().splitlines()[-1]}")
        finally:
            service.send_signal(signal.SIGTERM)
            try:
                code = service.wait(timeout=30)
            except subprocess.TimeoutExpired:
                service.kill()
                fail("the app did not stop within 30 s of SIGTERM (App Service and Docker kill it after that)")
        log.seek(0)
        output = log.read()
        if code != 0:
            fail(f"the app exited {code} after SIGTERM:\n{output[-4000:]}")
        warnings = [line for line in output.splitlines() if line.startswith(("warn:", "fail:", "crit:"))]
        if warnings:
            fail(f"the app logged warnings at start-up: {warnings}")
        ok("SIGTERM: stopped cleanly (exit 0), no warnings logged")
        print("All checks passed. The image itself was not built: that needs a Docker engine (or `az acr build`).")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
