namespace Migration.Hardware;

/// <summary>A gated functional/interface clock (clk_enable/clk_disable pairs are counted).</summary>
public sealed class HardwareClock
{
    /// <summary>Creates the clock <paramref name="name"/> (e.g. "cam_ick").</summary>
    public HardwareClock(string name) => Name = name;

    /// <summary>The clock name used by clk_get.</summary>
    public string Name { get; }

    /// <summary>Current enable count; the clock runs while it is above 0.</summary>
    public int EnableCount { get; private set; }

    /// <summary>True while the clock runs.</summary>
    public bool IsEnabled => EnableCount > 0;

    /// <summary>clk_enable.</summary>
    public void Enable() => EnableCount++;

    /// <summary>clk_disable; an unbalanced disable is a driver bug the kernel warns about.</summary>
    public void Disable()
    {
        if (EnableCount == 0)
            throw new InvalidOperationException($"clk_disable({Name}): unbalanced disable");
        EnableCount--;
    }
}
