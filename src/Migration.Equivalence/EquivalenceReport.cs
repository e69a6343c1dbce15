using System.Text.Json;
using System.Text.Json.Serialization;

namespace Migration.Equivalence;

/// <summary>The result of running a scenario in both worlds: what was compared and the first divergence, if any.</summary>
public sealed record EquivalenceReport
{
    /// <summary>Scenario name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Generator seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Comparison mode.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<EquivalenceMode>))]
    public required EquivalenceMode Mode { get; init; }

    /// <summary>The legacy world's description.</summary>
    public required string Legacy { get; init; }

    /// <summary>The ported world's description.</summary>
    public required string Ported { get; init; }

    /// <summary>What <see cref="Legacy"/> describes ("legacy"; "reference" for a cross-device run).</summary>
    public string LegacyLabel { get; init; } = "legacy";

    /// <summary>What <see cref="Ported"/> describes ("ported"; "world" for a cross-device run).</summary>
    public string PortedLabel { get; init; } = "ported";

    /// <summary>Steps in the trace.</summary>
    public required int StepsTotal { get; init; }

    /// <summary>Steps run (all of them when equivalent; up to the divergent one otherwise).</summary>
    public required int StepsRun { get; init; }

    /// <summary>Page-table entries compared over the run (per step, the entries of the slots the step changed; plus the full comparisons).</summary>
    public required long MappingsCompared { get; init; }

    /// <summary>Most leaf entries live at once in the legacy world during the run.</summary>
    public required int PeakMappings { get; init; }

    /// <summary>Merged translation runs in the legacy world at the end.</summary>
    public required int FinalRuns { get; init; }

    /// <summary>Bytes mapped in the legacy world at the end.</summary>
    public required ulong FinalMappedBytes { get; init; }

    /// <summary>Steps whose return values differed but were accepted as documented port differences (strictness off).</summary>
    public required int ReturnValueDifferences { get; init; }

    /// <summary>Wall time of the run in milliseconds.</summary>
    public required long ElapsedMilliseconds { get; init; }

    /// <summary>The first divergence no documented difference describes, or null.</summary>
    public Divergence? Divergence { get; init; }

    /// <summary>The first occurrence of each documented difference the run showed, labelled with its reference.</summary>
    public IReadOnlyList<Divergence> Documented { get; init; } = [];

    /// <summary>Documented divergences seen, every occurrence counted.</summary>
    public int DocumentedCount { get; init; }

    /// <summary>The required documented differences that never appeared (only known when the run went to its end).</summary>
    public IReadOnlyList<ExpectedDivergence> Missing { get; init; } = [];

    /// <summary>What the run concluded.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<EquivalenceVerdict>))]
    public EquivalenceVerdict Verdict =>
        Divergence is not null ? EquivalenceVerdict.Divergent
        : Missing.Count > 0 ? EquivalenceVerdict.MissingDocumented
        : DocumentedCount > 0 ? EquivalenceVerdict.DiffersAsDocumented
        : EquivalenceVerdict.Equivalent;

    /// <summary>True when no divergence at all was found.</summary>
    public bool Equivalent => Verdict == EquivalenceVerdict.Equivalent;

    /// <summary>True when the check passed: equivalent, or different exactly as documented.</summary>
    public bool Passed => Verdict is EquivalenceVerdict.Equivalent or EquivalenceVerdict.DiffersAsDocumented;

    /// <summary>The report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>The report as text for a console.</summary>
    public string ToText()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append($"scenario {Scenario} (seed {Seed}, {Mode.ToString().ToLowerInvariant()} mode)\n");
        int width = Math.Max(LegacyLabel.Length, PortedLabel.Length);
        sb.Append($"  {LegacyLabel.PadLeft(width)}: {Legacy}\n  {PortedLabel.PadLeft(width)}: {Ported}\n");
        sb.Append($"  steps compared: {StepsRun} of {StepsTotal}\n");
        sb.Append($"  mappings compared: {MappingsCompared} (peak {PeakMappings} live entries; at the end {FinalRuns} runs, 0x{FinalMappedBytes:x} bytes mapped)\n");
        if (ReturnValueDifferences > 0)
            sb.Append($"  return-value differences accepted: {ReturnValueDifferences}\n");
        sb.Append($"  time: {ElapsedMilliseconds} ms\n");
        foreach (Divergence d in Documented)
            sb.Append($"documented: {d}\n");
        if (DocumentedCount > Documented.Count)
            sb.Append($"  ({DocumentedCount} documented divergences in all, {Documented.Count} of them shown)\n");
        foreach (ExpectedDivergence m in Missing)
            sb.Append($"MISSING documented divergence: {m.Describe()}\n");
        sb.Append(Verdict switch
        {
            EquivalenceVerdict.Equivalent => "EQUIVALENT\n",
            EquivalenceVerdict.DiffersAsDocumented => "DIFFERS AS DOCUMENTED\n",
            EquivalenceVerdict.MissingDocumented => "FAILED: a documented divergence did not appear\n",
            _ => $"DIVERGENT: first unexpected {Divergence}\n",
        });
        return sb.ToString();
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}
