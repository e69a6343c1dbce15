using Migration.Equivalence;
using Migration.Scenarios.KnownBad;

namespace Migration.Scenarios;

/// <summary>Every scenario the `equiv` verb and the report know, by name.</summary>
public static class ScenarioCatalog
{
    /// <summary>The scenarios, in the order they are listed and reported.</summary>
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new Omap3ispCaptureScenario(),
        new Omap3ispStatsScenario(),
        new Omap3ispCaptureDmaScenario(),
        new Omap3ispUserptrDmaScenario(),
        new MsmCameraScenario(),
        new RandomScenario(),
        new OmapMapRollbackScenario(),
        new OmapMisalignedSuperpageScenario(),
        new OmapGenericProtScenario(),
        new Omap3ispUserptrOffsetScenario(),
        new Omap3ispRemoveScenario(),
        new MsmTex0LargePageScenario(),
        new SharedSpaceScenario(),
        new MsmRandomScenario(),
    ];

    /// <summary>The scenario called <paramref name="name"/>, or null.</summary>
    public static IScenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>
    /// The scenario called <paramref name="name"/>; with <paramref name="brokenPort"/> its variant whose ported world
    /// runs the OMAP driver that writes one wrong E bit (<see cref="OmapWrongEndianPort"/>; null for a scenario it is
    /// not known to be caught by). What `equiv --broken-port` runs.
    /// </summary>
    public static IScenario? Find(string name, bool brokenPort)
    {
        if (!brokenPort)
            return Find(name);
        KnownBadPort port = KnownBadPorts.Find("omap-wrong-endian")!;
        return port.CaughtBy.Contains(name) ? Find(name, port) : null;
    }

    /// <summary>
    /// The scenario called <paramref name="name"/> whose ported world runs the known-bad port called
    /// <paramref name="knownBadPort"/> (test-only); null for an unknown port or a scenario whose ported world cannot
    /// take one.
    /// </summary>
    public static IScenario? Find(string name, string knownBadPort) =>
        KnownBadPorts.Find(knownBadPort) is { } port ? Find(name, port) : null;

    /// <summary>The scenario called <paramref name="name"/> with <paramref name="port"/> in its ported world, or null.</summary>
    public static IScenario? Find(string name, KnownBadPort port)
    {
        ArgumentNullException.ThrowIfNull(port);
        return name switch
        {
            "omap3isp-capture-dma" => new Omap3ispCaptureDmaScenario(port),
            "omap3isp-userptr-dma" => new Omap3ispUserptrDmaScenario(port),
            "msm-camera" => new MsmCameraScenario(port),
            "random" => new RandomScenario(port),
            "omap-map-rollback" => new OmapMapRollbackScenario(port),
            "shared-space" => new SharedSpaceScenario(port),
            "msm-random" => new MsmRandomScenario(port),
            _ => null,
        };
    }

    /// <summary>The known names, comma separated (for error messages).</summary>
    public static string Names => string.Join(", ", All.Select(s => s.Name));
}
