namespace Migration.Equivalence;

/// <summary>
/// Judges every divergence a comparison finds against the scenario's documented differences: a match is labelled
/// and recorded, and its address range is excluded from the rest of the run (a step-pinned one) or skipped where
/// it lies (a pattern); anything else is unexpected. At the end it names the required differences that never
/// appeared.
/// </summary>
public sealed class DivergenceJudge
{
    private readonly IReadOnlyList<ExpectedDivergence> _expected;
    private readonly int[] _seen;
    private readonly List<Divergence> _documented = new();
    private readonly List<ExpectedDivergence> _exclusions = new();

    /// <summary>A judge for the documented differences <paramref name="expected"/>.</summary>
    public DivergenceJudge(IReadOnlyList<ExpectedDivergence> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        _expected = expected;
        _seen = new int[expected.Count];
    }

    /// <summary>The first occurrence of each documented difference seen so far, labelled with its reference.</summary>
    public IReadOnlyList<Divergence> Documented => _documented;

    /// <summary>Documented divergences seen, every occurrence counted.</summary>
    public int DocumentedCount { get; private set; }

    /// <summary>The required documented differences that have not appeared.</summary>
    public IReadOnlyList<ExpectedDivergence> Missing() =>
        _expected.Where((e, i) => e.Required && _seen[i] == 0).ToList();

    /// <summary>
    /// Where a comparison of <paramref name="kind"/> at <paramref name="iova"/> in <paramref name="space"/> may resume
    /// because an earlier documented difference excluded it (a translation difference excludes the entries there
    /// too), or 0 when the address is compared.
    /// </summary>
    public ulong ExcludedUntil(DivergenceKind kind, string space, uint iova)
    {
        foreach (ExpectedDivergence e in _exclusions)
        {
            bool covers = e.Kind == kind || (e.Kind == DivergenceKind.Translation && kind == DivergenceKind.Entries);
            if (covers && e.Space == space && iova >= e.Start && iova < e.End)
                return e.End;
        }
        return 0;
    }

    /// <summary>
    /// Judges <paramref name="divergence"/>: null when no documented difference describes it (unexpected), else the
    /// device address the comparison resumes from (the end of the documented range, or <paramref name="coveredEnd"/>,
    /// the end of what the divergent entries cover, for a pattern).
    /// </summary>
    public ulong? Judge(Divergence divergence, ulong coveredEnd = 0)
    {
        ArgumentNullException.ThrowIfNull(divergence);
        for (int i = 0; i < _expected.Count; i++)
        {
            ExpectedDivergence e = _expected[i];
            if (!e.Matches(divergence))
                continue;
            if (_seen[i]++ == 0)
                _documented.Add(divergence with { Reference = e.Reference });
            DocumentedCount++;
            if (e.Step is not null && e.HasRange)
            {
                _exclusions.Add(e);
                return e.End;
            }
            return Math.Max(coveredEnd, (ulong)(divergence.Iova ?? 0) + 1);
        }
        return null;
    }
}
