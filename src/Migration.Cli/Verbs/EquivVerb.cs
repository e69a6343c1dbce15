using System.CommandLine;
using Migration.Equivalence;
using Migration.Scenarios;
using Migration.Scenarios.KnownBad;
using Spectre.Console;

namespace Migration.Cli.Verbs;

/// <summary>
/// `migrate equiv --scenario NAME | --trace FILE [--mode strict|translation] [--seed N] [--steps N] [--format text|json]`:
/// runs a scenario (or replays a saved trace) in the legacy and the ported world and compares them after every step.
/// Exit (<see cref="ExitCodes"/>) 0 equivalent, 1 divergent (with the report of the first divergence), 2 bad input.
/// </summary>
public static class EquivVerb
{
    /// <summary>Exit code when the worlds are equivalent (<see cref="ExitCodes.Passed"/>; kept for the verb's tests).</summary>
    public const int ExitEquivalent = ExitCodes.Passed;

    /// <summary>Exit code when they diverge (<see cref="ExitCodes.Failed"/>).</summary>
    public const int ExitDivergent = ExitCodes.Failed;

    /// <summary>Exit code for bad input: unknown scenario, malformed trace, bad option value (<see cref="ExitCodes.BadInput"/>).</summary>
    public const int ExitBadInput = ExitCodes.BadInput;

    /// <summary>Builds the verb writing to <paramref name="stdout"/> / <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Option<string?>("--scenario") { Description = $"Scenario to run ({ScenarioCatalog.Names})" };
        var trace = new Option<string?>("--trace") { Description = "Replay a saved trace file instead of generating one" };
        var mode = new Option<string>("--mode") { Description = "translation (what the device sees) or strict (identical page-table entries)", DefaultValueFactory = _ => "translation" };
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 1, CustomParser = IntOptionParser.Parse };
        var steps = new Option<int?>("--steps") { Description = "Number of steps to generate (default: the scenario's)", CustomParser = IntOptionParser.ParseNullable };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        var saveTrace = new Option<string?>("--save-trace") { Description = "Write the generated trace to this file (replay it with --trace)" };
        var broken = new Option<bool>("--broken-port") { Description = "Test-only: run the ported world with a driver that writes one wrong attribute bit" };
        var knownBad = new Option<string?>("--known-bad-port") { Description = $"Test-only: run the ported world with one deliberate bug ({KnownBadPorts.Names})" };
        var property = new Option<int>("--property") { Description = "Property-based mode: compare this many random traces (CsCheck) and shrink a failing one to a minimal trace", CustomParser = IntOptionParser.Parse };
        var command = new Command("equiv", "Prove a port equivalent: run a scenario in both worlds and compare what the devices see");
        command.Options.Add(scenario);
        command.Options.Add(trace);
        command.Options.Add(mode);
        command.Options.Add(seed);
        command.Options.Add(steps);
        command.Options.Add(format);
        command.Options.Add(saveTrace);
        command.Options.Add(broken);
        command.Options.Add(knownBad);
        command.Options.Add(property);
        command.SetAction(pr => Run(new EquivRequest(
            pr.GetValue(scenario), pr.GetValue(trace), pr.GetValue(mode) ?? "translation", pr.GetValue(seed), pr.GetValue(steps),
            pr.GetValue(format) ?? "text", pr.GetValue(saveTrace), pr.GetValue(broken), pr.GetValue(property), pr.GetValue(knownBad)), stdout, stderr));
        return command;
    }

    /// <summary>Runs the verb; returns the exit code.</summary>
    public static int Run(EquivRequest request, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (request.Mode is not ("translation" or "strict"))
            return Bad(stderr, $"--mode: '{request.Mode}' is not a mode (translation, strict)");
        if (request.Format is not ("text" or "json"))
            return Bad(stderr, $"--format: '{request.Format}' is not a format (text, json)");
        if ((request.Scenario is null) == (request.TracePath is null))
            return Bad(stderr, $"give either --scenario NAME ({ScenarioCatalog.Names}) or --trace FILE");
        if (request.Steps is < 0)
            return Bad(stderr, $"--steps: {request.Steps} is negative");
        if (request.KnownBadPort is { } badName)
        {
            if (request.BrokenPort)
                return Bad(stderr, "give either --broken-port or --known-bad-port NAME, not both");
            if (KnownBadPorts.Find(badName) is null)
                return Bad(stderr, $"--known-bad-port: unknown port '{badName}'; known: {KnownBadPorts.Names}");
        }

        Trace loaded;
        IScenario? scenario;
        if (request.TracePath is { } path)
        {
            Trace? t = TraceFile.Read(path, (name, step) => ScenarioCatalog.Find(name)?.Validate(step), out TraceFileError? error);
            if (t is null)
                return Bad(stderr, error!.ToString());
            scenario = Resolve(t.Scenario, request);
            if (scenario is null)
                return Bad(stderr, $"{path}: field 'scenario': unknown scenario '{t.Scenario}' (known: {ScenarioCatalog.Names})");
            if (EquivalenceEngine.ComparisonFor(scenario, ModeOf(request)) is null)
                return Bad(stderr, ModeDoesNotApply(scenario, request.Mode));
            loaded = t;
        }
        else
        {
            scenario = Resolve(request.Scenario!, request);
            if (scenario is null)
            {
                return Bad(stderr, ScenarioCatalog.Find(request.Scenario!) is null
                    ? $"unknown scenario '{request.Scenario}'; known scenarios: {ScenarioCatalog.Names}"
                    : request.KnownBadPort is { } bad
                        ? $"scenario '{request.Scenario}' cannot run known-bad port '{bad}' (it is caught by: {string.Join(", ", KnownBadPorts.Find(bad)!.CaughtBy)})"
                        : $"scenario '{request.Scenario}' has no broken-port variant");
            }
            if (EquivalenceEngine.ComparisonFor(scenario, ModeOf(request)) is null)
                return Bad(stderr, ModeDoesNotApply(scenario, request.Mode));
            if (request.Property > 0)
                return RunProperty(scenario, request, stdout, stderr);
            loaded = new Trace(scenario.Name, request.Seed, scenario.Generate(request.Seed, request.Steps ?? scenario.DefaultSteps));
            if (request.SaveTrace is { } save)
            {
                if ((OutputPath.FileError("--save-trace", save) ?? OutputPath.TryWrite("--save-trace", save, TraceFile.Format(loaded))) is { } badSave)
                {
                    stderr.WriteLine(badSave);
                    return ExitCodes.BadInput;
                }
            }
        }

        var options = new EquivalenceOptions { Mode = ModeOf(request) };
        EquivalenceReport report = RunWithProgress(scenario, loaded, options, stdout);
        if (report.Divergence is not null && request.TracePath is null && request.SaveTrace is null)
        {
            // Keep what failed replayable: the trace up to the divergent step.
            string file = Path.Combine(Path.GetTempPath(), $"equiv-{scenario.Name}-seed{request.Seed}.trace");
            TraceFile.Write(file, loaded with { Steps = loaded.Steps.Take(report.Divergence.Step + 1).ToList() });
            stderr.WriteLine($"trace up to the divergent step written to {file} (replay: migrate equiv --trace {file})");
        }
        stdout.Write(request.Format == "json" ? report.ToJson() + "\n" : report.ToText());
        // Differing exactly as documented passes; an unexpected divergence or a documented one that did not appear fails.
        return report.Passed ? ExitCodes.Passed : ExitCodes.Failed;
    }

    // The scenario with the ported world the request asks for: correct, the E-bit driver, or a named known-bad port.
    private static IScenario? Resolve(string name, EquivRequest request) =>
        request.KnownBadPort is { } port ? ScenarioCatalog.Find(name, port) : ScenarioCatalog.Find(name, request.BrokenPort);

    private static EquivalenceMode ModeOf(EquivRequest request) =>
        request.Mode == "strict" ? EquivalenceMode.Strict : EquivalenceMode.Translation;

    // Names what the scenario's comparisons do and the modes they declare.
    private static string ModeDoesNotApply(IScenario scenario, string mode) =>
        $"--mode {mode}: scenario '{scenario.Name}' {string.Join(" and ", scenario.Comparisons.Select(c => c.Description))}; only "
        + $"{string.Join(" or ", scenario.Comparisons.SelectMany(c => c.Modes).Distinct().Select(m => m.ToString().ToLowerInvariant()))} mode applies";

    private static int RunProperty(IScenario scenario, EquivRequest request, TextWriter stdout, TextWriter stderr)
    {
        if (scenario is not ITraceGenerator generator)
            return Bad(stderr, $"--property: scenario '{scenario.Name}' has no random-trace generator (property mode needs one: random has)");
        var options = new EquivalenceOptions { Mode = ModeOf(request) };
        PropertyCheckResult result = PropertyCheck.Run(scenario, generator, request.Property, options);
        if (result.Passed)
        {
            stdout.WriteLine($"property: {result.Iterations} random traces of {scenario.Name}, all equivalent ({request.Mode} mode)");
            return ExitCodes.Passed;
        }
        if (result.Minimal is null)
        {
            // The generator itself failed: no trace to write, but never a pass.
            stdout.WriteLine($"property: FAILED after {result.Iterations} runs: {result.Error}");
            return ExitCodes.Failed;
        }
        string file = request.SaveTrace ?? Path.Combine(Path.GetTempPath(), $"equiv-{scenario.Name}-minimal.trace");
        TraceFile.Write(file, result.Minimal);
        string what = result.Error is null ? "a divergent trace" : "a trace the engine failed on";
        stdout.WriteLine($"property: {what} was found and shrunk to {result.Minimal.Steps.Count} steps after {result.Iterations} runs");
        stdout.WriteLine($"minimal trace written to {file} (replay: migrate equiv --trace {file})");
        if (result.Report is null)
            stdout.WriteLine($"error: {result.Error}");
        else
            stdout.Write(request.Format == "json" ? result.Report.ToJson() + "\n" : result.Report.ToText());
        return ExitCodes.Failed;
    }

    private static EquivalenceReport RunWithProgress(IScenario scenario, Trace trace, EquivalenceOptions options, TextWriter stdout)
    {
        // A progress bar only on long runs at a terminal; redirected output gets the final report alone.
        if (trace.Steps.Count < 5000 || Console.IsOutputRedirected || !ReferenceEquals(stdout, Console.Out))
            return EquivalenceEngine.Run(scenario, trace, options);
        EquivalenceReport? report = null;
        AnsiConsole.Progress().Start(ctx =>
        {
            ProgressTask task = ctx.AddTask($"{scenario.Name}: comparing", maxValue: trace.Steps.Count);
            report = EquivalenceEngine.Run(scenario, trace, options with { Progress = (done, _) => task.Value = done });
            task.StopTask();
        });
        return report!;
    }

    private static int Bad(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return ExitCodes.BadInput;
    }
}
