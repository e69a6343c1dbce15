namespace Migration.Hardware;

/// <summary>A gated functional/interface clock (clk_enable/clk_disable pairs are counted).</summary>
public sealed class HardwareClock
{
    /// <summary>Creates the clock <paramref name="name"/> (e.g. "cam_ick").</summary>
    public HardwareClock(string name) => Name = name;

    /// <summary>The clock name used by clk_get.</summary>
    public string Name { get; }

    private int _enableCount;

    /// <summary>Current enable count; the clock runs while it is above 0.</summary>
    public int EnableCount => Volatile.Read(ref _enableCount);

    /// <summary>True while the clock runs.</summary>
    public bool IsEnabled => EnableCount > 0;

    /// <summary>clk_enable (atomic, as the clock framework's enable_lock makes it).</summary>
    public void Enable() => Interlocked.Increment(ref _enableCount);

    /// <summary>clk_disable; an unbalanced disable is a driver bug the kernel warns about.</summary>
    public void Disable()
    {
        // One atomic on the common path (a balanced disable); an unbalanced one is undone before it throws.
        if (Interlocked.Decrement(ref _enableCount) >= 0)
            return;
        Interlocked.Increment(ref _enableCount);
        throw new InvalidOperationException($"clk_disable({Name}): unbalanced disable");
    }
}
