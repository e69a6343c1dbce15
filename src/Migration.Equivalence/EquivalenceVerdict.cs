namespace Migration.Equivalence;

/// <summary>What a run of a scenario concluded.</summary>
public enum EquivalenceVerdict
{
    /// <summary>No divergence at all.</summary>
    Equivalent,

    /// <summary>Every divergence was a documented one, and every required documented one appeared.</summary>
    DiffersAsDocumented,

    /// <summary>A divergence no documented difference describes (a wrong port, or a model error).</summary>
    Divergent,

    /// <summary>No unexpected divergence, but a documented difference did not appear (the port or the model changed).</summary>
    MissingDocumented,
}
