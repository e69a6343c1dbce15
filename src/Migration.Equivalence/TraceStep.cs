namespace Migration.Equivalence;

/// <summary>
/// One step of a scenario: a client-level operation with named integer arguments, the same for both worlds
/// (each world's adapter turns it into its own era's calls). Its text form is a trace-file line.
/// </summary>
public sealed class TraceStep
{
    private readonly TraceArg[] _args;
    private string? _text;

    /// <summary>Step <paramref name="op"/> with <paramref name="args"/>.</summary>
    public TraceStep(string op, params TraceArg[] args)
    {
        ArgumentException.ThrowIfNullOrEmpty(op);
        ArgumentNullException.ThrowIfNull(args);
        Op = op;
        _args = args;
    }

    /// <summary>Operation name ("vmalloc", "qbuf", ...).</summary>
    public string Op { get; }

    /// <summary>Arguments in order.</summary>
    public IReadOnlyList<TraceArg> Args => _args;

    /// <summary>The value of argument <paramref name="name"/>; the scenario validated its presence before running.</summary>
    public long this[string name]
    {
        get
        {
            foreach (TraceArg a in _args)
            {
                if (a.Name == name)
                    return a.Value;
            }
            throw new KeyNotFoundException($"step '{this}' has no argument '{name}'");
        }
    }

    /// <summary>True when argument <paramref name="name"/> is present.</summary>
    public bool Has(string name)
    {
        foreach (TraceArg a in _args)
        {
            if (a.Name == name)
                return true;
        }
        return false;
    }

    /// <summary>The value of <paramref name="name"/> as an unsigned 32-bit quantity.</summary>
    public uint U(string name) => unchecked((uint)this[name]);

    /// <summary>The value of <paramref name="name"/> as an int.</summary>
    public int I(string name) => checked((int)this[name]);

    /// <inheritdoc />
    /// <remarks>Formatted once: the engine labels every write of the step with it.</remarks>
    public override string ToString() => _text ??= _args.Length == 0 ? Op : $"{Op} {string.Join(' ', _args)}";
}
