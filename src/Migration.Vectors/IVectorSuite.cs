namespace Migration.Vectors;

/// <summary>The model of one vector suite: replays a case from a fresh state and reports differences.</summary>
public interface IVectorSuite
{
    /// <summary>The suite name as written in the files ("omap-pgtable").</summary>
    string Name { get; }

    /// <summary>Runs <paramref name="vectorCase"/>; format problems throw <see cref="VectorFormatException"/>.</summary>
    CaseResult Run(VectorCase vectorCase);
}
