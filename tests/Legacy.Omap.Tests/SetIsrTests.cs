namespace Legacy.Omap.Tests;

/// <summary>iommu_set_isr (omap.md §4.6): only before the first iommu_get.</summary>
public class SetIsrTests
{
    [Fact]
    public void UnknownName_ReturnsEnodev()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        var recorder = new LegacyOmapRig.FaultRecorder();

        Assert.Equal(-19, OmapIommu.SetIsr(rig.Driver, "dsp", recorder.Callback, null));
    }

    [Fact]
    public void BeforeTheFirstGet_StoresCallbackAndPriv()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        var recorder = new LegacyOmapRig.FaultRecorder();
        object priv = new();

        Assert.Equal(0, OmapIommu.SetIsr(rig.Driver, "isp", recorder.Callback, priv));

        Assert.NotNull(rig.Isp.Isr);
        Assert.Same(priv, rig.Isp.IsrPriv);
    }

    [Fact]
    public void AfterAGet_ReturnsEbusy_AndKeepsTheOldCallback()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        var first = new LegacyOmapRig.FaultRecorder();
        var second = new LegacyOmapRig.FaultRecorder();
        Assert.Equal(0, OmapIommu.SetIsr(rig.Driver, "isp", first.Callback, "first"));
        Assert.False(OmapIommu.Get(rig.Driver, "isp").IsErrOrNull);

        Assert.Equal(-16, OmapIommu.SetIsr(rig.Driver, "isp", second.Callback, "second"));

        Assert.Equal("first", rig.Isp.IsrPriv);
        _ = rig.IspMmu.Translate(0x00700000);
        Assert.Single(first.Calls);
        Assert.Empty(second.Calls);
    }

    [Fact]
    public void AfterTheLastPut_CanBeSetAgain()
    {
        var rig = new LegacyOmapRig();
        var recorder = new LegacyOmapRig.FaultRecorder();
        Assert.Equal(-16, OmapIommu.SetIsr(rig.Driver, "isp", recorder.Callback, null));

        OmapIommu.Put(rig.Isp);

        Assert.Equal(0, OmapIommu.SetIsr(rig.Driver, "isp", recorder.Callback, null));
    }

    [Fact]
    public void OnAnotherInstance_IsNotBlockedByTheIspUser()
    {
        var rig = new LegacyOmapRig();
        var recorder = new LegacyOmapRig.FaultRecorder();

        Assert.Equal(0, OmapIommu.SetIsr(rig.Driver, "iva2", recorder.Callback, null));
        Assert.Null(rig.Isp.Isr);
    }
}
