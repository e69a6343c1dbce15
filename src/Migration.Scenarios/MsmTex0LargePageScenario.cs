using Migration.Equivalence;
using Migration.Scenarios.Msm;

namespace Migration.Scenarios;

/// <summary>
/// `msm-tex0-64k` (msm.md §3.3): with 64 KiB IMEM buffers the port maps each with one 64K page; the cached class
/// (7, TEX0|C|B) is written with TEX0 at bit 6, where a large page has no TEX0 (bit 12), so the hardware sees class
/// 3 through the port's page and class 7 through the legacy 4K pages.
/// </summary>
public sealed class MsmTex0LargePageScenario : ScriptedScenario
{
    private readonly MsmCameraScenario _vocabulary = new();

    /// <inheritdoc />
    public override string Name => "msm-tex0-64k";

    /// <inheritdoc />
    public override string Description => "msm.md §3.3: a cached 64K page loses TEX0 (written at the small-page bit)";

    /// <inheritdoc />
    public override string Reference => "msm.md §3.3: the driver writes TEX0 at bit 6 for 64K pages too (hardware bit 12), so a cached class-7 64K page is seen as class 3";

    /// <inheritdoc />
    protected override IReadOnlyList<TraceStep> Script { get; } = [new("open"), new("release")];

    /// <inheritdoc />
    public override (string Field, string Message)? Validate(TraceStep step) => _vocabulary.Validate(step);

    /// <inheritdoc />
    protected override IReadOnlyList<ExpectedDivergence> Expected =>
    [
        // The ping and the pong 64K IMEM buffer at the first GEN_POOL addresses (msm.md §7.3), one declaration each: the
        // same pages, class 7 (attrs 0x76) through 3.0's 4K pages and class 3 (0x36) through the port's 64K page. A wrong
        // page or class is not this difference.
        Tex0Lost(0x20000),
        Tex0Lost(0x30000),
    ];

    private ExpectedDivergence Tex0Lost(uint da) => new()
    {
        Reference = Reference, Step = 0, Kind = DivergenceKind.Translation, Space = "camera", Start = da, End = da + 0x10000UL, SamePhysicalPage = true,
        Legacy = ExpectedSide.Page(0x1000) with { Attributes = 0x76 }, Ported = ExpectedSide.Page(0x10000) with { Attributes = 0x36 },
    };

    /// <inheritdoc />
    public override IEquivalenceWorld CreateLegacy() => new LegacyMsmCameraWorld(imemMapSize: 0x10000);

    /// <inheritdoc />
    public override IEquivalenceWorld CreatePorted() => new PortedMsmCameraWorld(imemMapSize: 0x10000);
}
