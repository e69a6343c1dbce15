using Migration.Equivalence;

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
        new MsmCameraScenario(),
        new RandomScenario(),
        new OmapMisalignedSuperpageScenario(),
        new OmapGenericProtScenario(),
        new Omap3ispUserptrOffsetScenario(),
        new Omap3ispRemoveScenario(),
        new MsmTex0LargePageScenario(),
        new SharedSpaceScenario(),
    ];

    /// <summary>The scenario called <paramref name="name"/>, or null.</summary>
    public static IScenario? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>
    /// The scenario called <paramref name="name"/>; with <paramref name="brokenPort"/> its variant whose ported world
    /// runs a deliberately broken driver (null when the scenario has none).
    /// </summary>
    public static IScenario? Find(string name, bool brokenPort)
    {
        if (!brokenPort)
            return Find(name);
        return name switch
        {
            "random" => new RandomScenario(brokenPort: true),
            "shared-space" => new SharedSpaceScenario(brokenPort: true),
            _ => null,
        };
    }

    /// <summary>The known names, comma separated (for error messages).</summary>
    public static string Names => string.Join(", ", All.Select(s => s.Name));
}
