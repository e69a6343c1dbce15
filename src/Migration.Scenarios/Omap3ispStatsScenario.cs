using Migration.Equivalence;

namespace Migration.Scenarios;

/// <summary>
/// `omap3isp-stats`: the statistics engines (omap.md §6.2): H3A AEWB and AF and the histogram configured with
/// growing and shrinking buffer sizes (reallocation only when bigger and disabled, -EBUSY while enabled), enabled,
/// read by the ISP buffer by buffer, with LSC updates and power transitions in between.
/// </summary>
public sealed class Omap3ispStatsScenario : IspScenario
{
    /// <inheritdoc />
    public override string Name => "omap3isp-stats";

    /// <inheritdoc />
    public override string Description => "omap3isp statistics buffers (AEWB, AF, histogram) with reconfiguration churn: 3.0 vendor API vs 3.3 omap-iovmm";

    /// <inheritdoc />
    public override int DefaultSteps => 300;

    /// <inheritdoc />
    public override IReadOnlyList<TraceStep> Generate(int seed, int steps)
    {
        var rng = new Random(seed);
        uint[] max = [83600, 221184, 4096];
        var s = new List<TraceStep> { Step("probe"), Step("get") };
        var enabled = new bool[3];
        while (s.Count < steps - 4)
        {
            int module = rng.Next(3);
            int roll = rng.Next(20);
            if (roll < 5)
            {
                // Sizes from tiny to beyond the module's cap (the driver caps them, §6.2).
                s.Add(Step("stat", ("module", module), ("size", rng.Next(16, (int)max[module] + 0x4000))));
            }
            else if (roll < 8)
            {
                enabled[module] = !enabled[module];
                s.Add(Step("statenable", ("module", module), ("on", enabled[module] ? 1 : 0)));
            }
            else if (roll < 16)
            {
                s.Add(Step("statdma", ("module", module), ("index", rng.Next(5))));
            }
            else if (roll < 18)
            {
                s.Add(Step("lsc", ("size", rng.Next(1, 16) * 0x1000)));
                s.Add(Step("lscflush"));
            }
            else
            {
                s.Add(Step("suspend"));
                s.Add(Step("resume"));
            }
        }
        for (int m = 0; m < 3; m++)
            s.Add(Step("statenable", ("module", m), ("on", 0)));
        s.Add(Step("put"));
        return s;
    }
}
