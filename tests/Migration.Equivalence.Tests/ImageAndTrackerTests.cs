using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Kernel;

namespace Migration.Equivalence.Tests;

/// <summary>
/// The engine's bookkeeping on its own: the write tracker's writer record (word and run writes), the image's
/// second-level scan (which skips empty words a frame at a time) against a walk of every 4 KiB page, and
/// <see cref="EquivalenceEngine.CompareNow"/>.
/// </summary>
public class ImageAndTrackerTests
{
    [Fact]
    public void WriteTracker_RecordsTheCallOfEveryWordOfARunAndOfSingleWords()
    {
        var memory = new PhysicalMemory();
        var tracker = new WriteTracker();
        memory.WriteObserver = tracker;
        tracker.CurrentCall = "map_pages";
        memory.WriteRun(0x80000FF8, 4, 0x90000002, 0x1000);
        tracker.CurrentCall = "iopgtable_clear_entry";
        memory.WriteWord(0x80001000, 0);
        tracker.CurrentCall = "nothing written under this one";

        Assert.Equal("map_pages", tracker.WriterOf(0x80000FF8));
        Assert.Equal("map_pages", tracker.WriterOf(0x80000FFC));
        Assert.Equal("iopgtable_clear_entry", tracker.WriterOf(0x80001000));
        Assert.Equal("map_pages", tracker.WriterOf(0x80001004));
        Assert.Null(tracker.WriterOf(0x80001008));
        Assert.Null(tracker.WriterOf(0x70000000));
        Assert.Equal(new uint[] { 0x80000FF8, 0x80000FFC, 0x80001000, 0x80001004, 0x80001000 }, tracker.Written);
        tracker.TakeWritten();
        Assert.Empty(tracker.Written);
        Assert.Equal("map_pages", tracker.WriterOf(0x80001004));
    }

    [Fact]
    public void WriteTracker_ForwardsRunsToTheObserverItReplaced()
    {
        var memory = new PhysicalMemory();
        var first = new WriteTracker();
        var tracker = new WriteTracker(first);
        memory.WriteObserver = tracker;
        first.CurrentCall = "seen by the inner tracker";
        memory.WriteRun(0x80004000, 2, 7, 1);
        Assert.Equal(new uint[] { 0x80004000, 0x80004004 }, first.Written);
        Assert.Equal("seen by the inner tracker", first.WriterOf(0x80004004));
    }

    [Fact]
    public void Image_OfMixedSecondLevelEntries_EqualsAWalkOfEveryPage()
    {
        var soc = Soc.CreateDefault();
        OmapIommu isp = OmapIommu.Get(OmapIommuDriver.Register(soc, new KernelMemory(soc.Pages)), "isp").Value!;
        // One slot holding 4K pages around a 64K page, a lone 4K page at the slot's last page, and a section next door.
        Store(isp, 0x00100000, 0x81000000, IovmFlags.IOVMF_PGSZ_4K);
        Store(isp, 0x00101000, 0x81005000, IovmFlags.IOVMF_PGSZ_4K);
        Store(isp, 0x00110000, 0x82010000, IovmFlags.IOVMF_PGSZ_64K);
        Store(isp, 0x00120000, 0x81003000, IovmFlags.IOVMF_PGSZ_4K);
        Store(isp, 0x001FF000, 0x81009000, IovmFlags.IOVMF_PGSZ_4K);
        Store(isp, 0x00200000, 0x83000000, IovmFlags.IOVMF_PGSZ_1M);
        var walker = new OmapTranslationWalker(soc.Memory);
        var image = new AddressSpaceImage(new DeviceAddressSpace("isp", walker, () => isp.Instance.Iopgd), new PhysicalIdentity());
        image.RefreshAll();

        Assert.Equal(
            new (uint, uint, uint)[]
            {
                (0x00100000, 0x1000, 0x81000000), (0x00101000, 0x1000, 0x81005000), (0x00110000, 0x10000, 0x82010000),
                (0x00120000, 0x1000, 0x81003000), (0x001FF000, 0x1000, 0x81009000),
            },
            image.Slot(1).Select(e => (e.Iova, e.Size, e.Pa)));
        Assert.Equal(new (uint, uint, uint)[] { (0x00200000, 0x100000, 0x83000000) }, image.Slot(2).Select(e => (e.Iova, e.Size, e.Pa)));
        Assert.Equal(6, image.EntryCount);
        Assert.Equal(TranslationMap.Build(walker, isp.Instance.Iopgd), image.Runs());
        Assert.Equal(0x82010000u + 0x5000, image.EntryAt(0x00115000) is { } e64 ? e64.Pa + (0x00115000 - e64.Iova) : 0);
        Assert.Null(image.EntryAt(0x00102000));
        Assert.Equal(0x001FF000u, image.EntryAt(0x001FFFFF)?.Iova);
    }

    [Fact]
    public void Image_Refresh_ForgetsEntriesClearedFromTheTable()
    {
        var soc = Soc.CreateDefault();
        OmapIommu isp = OmapIommu.Get(OmapIommuDriver.Register(soc, new KernelMemory(soc.Pages)), "isp").Value!;
        Store(isp, 0x00100000, 0x81000000, IovmFlags.IOVMF_PGSZ_4K);
        Store(isp, 0x00180000, 0x81001000, IovmFlags.IOVMF_PGSZ_4K);
        var image = new AddressSpaceImage(new DeviceAddressSpace("isp", new OmapTranslationWalker(soc.Memory), () => isp.Instance.Iopgd), new PhysicalIdentity());
        image.RefreshAll();
        Assert.Equal(2, image.EntryCount);

        Assert.Equal(0x1000u, IopgTable.ClearEntry(isp, 0x00100000));
        image.Refresh(1);

        Assert.Equal(new uint[] { 0x00180000 }, image.Slot(1).Select(e => e.Iova));
        Assert.Equal(1, image.EntryCount);
    }

    [Fact]
    public void PhysicalIdentity_NamesPagesByBufferAndForgetsThem()
    {
        var identity = new PhysicalIdentity();
        identity.Name(3, [0x80005000, 0x9FFFF000]);
        identity.NameContiguous(0, 0x00001000, 0x2000);

        Assert.Equal(4, identity.Count);
        Assert.Equal("buf3+0x1abc", PhysicalIdentity.Format(identity.Resolve(0x9FFFFABC)));
        Assert.Equal("buf0+0x1004", PhysicalIdentity.Format(identity.Resolve(0x00002004)));
        Assert.Equal("0x80006000", PhysicalIdentity.Format(identity.Resolve(0x80006000)));
        identity.Name(7, 0, 0x80005000); // renaming a page keeps the count
        Assert.Equal(4, identity.Count);
        Assert.Equal("buf7+0x10", PhysicalIdentity.Format(identity.Resolve(0x80005010)));

        identity.Forget(0x00001000, 0x2000);
        identity.ForgetPage(0xFFFFF000); // never named: nothing to forget
        Assert.Equal(2, identity.Count);
        Assert.Equal(0x00001008UL, identity.Resolve(0x00001008));
    }

    [Fact]
    public void CollectDirty_MarksTheWindowOfASecondLevelWordAndTheWholeSlotOfAFirstLevelWord()
    {
        var soc = Soc.CreateDefault();
        OmapIommu isp = OmapIommu.Get(OmapIommuDriver.Register(soc, new KernelMemory(soc.Pages)), "isp").Value!;
        Store(isp, 0x00100000, 0x81000000, IovmFlags.IOVMF_PGSZ_4K);
        var image = new AddressSpaceImage(new DeviceAddressSpace("isp", new OmapTranslationWalker(soc.Memory), () => isp.Instance.Iopgd), new PhysicalIdentity());
        image.RefreshAll();
        var tracker = new WriteTracker();
        soc.Memory.WriteObserver = tracker;

        Store(isp, 0x00135000, 0x81001000, IovmFlags.IOVMF_PGSZ_4K); // slot 1, window 3 (0x130000-0x13FFFF)
        Store(isp, 0x00300000, 0x83000000, IovmFlags.IOVMF_PGSZ_1M); // slot 3's first-level word
        var dirty = new DirtyWindows();
        Assert.True(image.CollectDirty(tracker.Written, dirty));

        Assert.Equal(new[] { 1, 3 }, dirty.Slots);
        Assert.Equal((ushort)(1 << 3), dirty.MaskOf(1));
        Assert.Equal(DirtyWindows.WholeSlot, dirty.MaskOf(3));
        image.Refresh(1, dirty.MaskOf(1));
        image.Refresh(3, dirty.MaskOf(3));
        Assert.Equal(new uint[] { 0x00100000, 0x00135000 }, image.Slot(1).Select(e => e.Iova));
        Assert.Equal(new uint[] { 0x00300000 }, image.Slot(3).Select(e => e.Iova));
        Assert.Equal(3, image.EntryCount);
        dirty.Clear();
        Assert.Empty(dirty.Slots);
        Assert.Equal(0, dirty.MaskOf(1));
    }

    [Fact]
    public void RefreshOfOneWindow_ReplacesOnlyThatWindowsEntries()
    {
        var soc = Soc.CreateDefault();
        OmapIommu isp = OmapIommu.Get(OmapIommuDriver.Register(soc, new KernelMemory(soc.Pages)), "isp").Value!;
        for (uint off = 0; off < 0x40000; off += 0x1000)
            Store(isp, 0x00100000 + off, 0x81000000 + off, IovmFlags.IOVMF_PGSZ_4K);
        var image = new AddressSpaceImage(new DeviceAddressSpace("isp", new OmapTranslationWalker(soc.Memory), () => isp.Instance.Iopgd), new PhysicalIdentity());
        image.RefreshAll();
        Assert.Equal(64, image.EntryCount);

        // Window 1 becomes one 64K page; window 2 loses a page; window 0 changes too but is not refreshed.
        for (uint off = 0x10000; off < 0x20000; off += 0x1000)
            Assert.Equal(0x1000u, IopgTable.ClearEntry(isp, 0x00100000 + off));
        Store(isp, 0x00110000, 0x82000000, IovmFlags.IOVMF_PGSZ_64K);
        Assert.Equal(0x1000u, IopgTable.ClearEntry(isp, 0x00125000));
        Assert.Equal(0x1000u, IopgTable.ClearEntry(isp, 0x00100000));
        image.Refresh(1, (1 << 1) | (1 << 2));

        Assert.Equal(16 + 1 + 15 + 16, image.EntryCount);
        Assert.Equal(0x00100000u, image.Slot(1)[0].Iova); // window 0 as last read
        Assert.Equal((0x00110000u, 0x10000u, 0x82000000u), (image.Slot(1)[16].Iova, image.Slot(1)[16].Size, image.Slot(1)[16].Pa));
        Assert.DoesNotContain(image.Slot(1), e => e.Iova == 0x00125000);
        Assert.Equal(image.Slot(1).Select(e => e.Iova).Order(), image.Slot(1).Select(e => e.Iova));
    }

    private static void Store(OmapIommu isp, uint da, uint pa, uint pgsz)
    {
        IotlbEntry.Init(out IotlbEntry e, da, pa, pgsz);
        Assert.Equal(0, IopgTable.StoreEntry(isp, e));
    }
}
