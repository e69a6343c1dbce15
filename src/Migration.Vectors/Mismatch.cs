namespace Migration.Vectors;

/// <summary>One difference between a recorded value and the model's.</summary>
/// <param name="OpIndex">Index of the op whose result differs; null for the final state.</param>
/// <param name="Field">What differs: "ret", "wild_writes[0].addr", "final.l2[336][3]" (L1 index, PTE index).</param>
/// <param name="Expected">The recorded value ("(absent)" when there is none).</param>
/// <param name="Actual">The model's value ("(absent)" when there is none).</param>
public sealed record Mismatch(int? OpIndex, string Field, string Expected, string Actual)
{
    /// <summary>The text printed for a failing case.</summary>
    public override string ToString() =>
        OpIndex is int i ? $"op {i}: {Field}: expected {Expected}, actual {Actual}" : $"{Field}: expected {Expected}, actual {Actual}";
}

/// <summary>Outcome of one case.</summary>
/// <param name="Name">The case name.</param>
/// <param name="Mismatches">Differences found; empty when the case passed.</param>
public sealed record CaseResult(string Name, IReadOnlyList<Mismatch> Mismatches)
{
    /// <summary>True when every op result and the final state matched.</summary>
    public bool Passed => Mismatches.Count == 0;
}

/// <summary>Outcome of one file.</summary>
/// <param name="File">The file read.</param>
/// <param name="Cases">One result per case, in file order.</param>
public sealed record FileResult(VectorFile File, IReadOnlyList<CaseResult> Cases)
{
    /// <summary>Cases that passed.</summary>
    public int Passed => Cases.Count(c => c.Passed);

    /// <summary>Cases that failed.</summary>
    public int Failed => Cases.Count - Passed;
}
