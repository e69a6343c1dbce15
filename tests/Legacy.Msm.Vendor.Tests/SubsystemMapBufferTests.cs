using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;
using static Legacy.Msm.MsmSubsystemIds;
using static Legacy.Msm.MsmSubsystemMapFlags;

namespace Legacy.Msm.Vendor.Tests;

public class SubsystemMapBufferTests
{
    private const uint Phys = 0x8A340000;

    private static MsmMappedBuffer Ok(ErrPtr<MsmMappedBuffer> p)
    {
        Assert.False(p.IsErrOrNull, p.ToString());
        return p.Value!;
    }

    [Fact]
    public void VideoAndVideoFirmware_GetTheirPoolsFirstAddressAndExactPtes()
    {
        var rig = new VendorRig();
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x2000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_VIDEO_FWARE], 2));
        Assert.Equal(0u, buf.Vaddr);
        Assert.Equal([0x01000000u, 0x00020000u], buf.Iova!);
        // Order-0 iommu_map with prot READ|WRITE = 3 → mainline WT class 2 → 0xC3A (msm.md §3.3).
        Assert.Equal(0x8A340C3Au, rig.Pte(rig.Video, 0x01000000));
        Assert.Equal(0x8A341C3Au, rig.Pte(rig.Video, 0x01001000));
        Assert.Equal(0u, rig.Pte(rig.Video, 0x01002000));
        Assert.Equal(0x8A340C3Au, rig.Pte(rig.Video, 0x00020000));
        Assert.Equal(0x8A341C3Au, rig.Pte(rig.Video, 0x00021000));
        Assert.Equal(0u, rig.Pte(rig.Video, 0x00022000));
        Assert.Equal(0u, rig.Pte(rig.Video, 0x0001F000));
        Assert.Equal(1, rig.Subsystem.BufferCount);
        Assert.Equal(0, rig.Subsystem.PhysBufferCount);
    }

    [Fact]
    public void VideoMapping_IsVisibleToEveryVideoContextThroughTheHardware()
    {
        var rig = new VendorRig();
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x2000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_VIDEO_FWARE], 2));
        Assert.Equal(0x8A341008u, rig.Translate("vcodec_a_mm1", buf.Iova![0] + 0x1008).Pa);
        Assert.Equal(0x8A340FFCu, rig.Translate("vcodec_b_mm2", buf.Iova[1] + 0xFFC, write: true).Pa);
        Assert.Equal(0x8A341000u, rig.Translate("vcodec_a_stream", buf.Iova[1] + 0x1000).Pa);
        Assert.Equal(2u, rig.Translate("vcodec_a_mm1", buf.Iova[0]).MemoryTypeIndex); // WT class 2
    }

    [Fact]
    public void RoundTrip_UnmapsEverythingFreesBothIovasAndWarnsNever()
    {
        var rig = new VendorRig();
        ErrPtr<MsmMappedBuffer> buf = rig.Subsystem.MapBuffer(Phys, 0x2000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_VIDEO_FWARE], 2);
        Assert.Equal(0, rig.Subsystem.UnmapBuffer(buf));
        Assert.Equal(0, rig.Subsystem.UnmapWarnings);
        Assert.Equal(0, rig.Subsystem.BufferCount);
        Assert.Equal(0u, VendorRig.Fl(rig.Video, 0x01000000));
        Assert.Equal(0u, VendorRig.Fl(rig.Video, 0x00020000));
        Assert.Equal(0x01000000u, rig.Domains.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_MAIN_POOL, 0x2000, 0x1000));
        Assert.Equal(0x00020000u, rig.Domains.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL, 0x2000, 0x1000));
    }

    [Fact]
    public void Length_IsRoundedUpTo4K()
    {
        var rig = new VendorRig();
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x1001, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], 1));
        Assert.Equal([0x00020000u], buf.Iova!);
        Assert.Equal(0x8A341C3Au, rig.Pte(rig.Camera, 0x00021000));
        Assert.Equal(0x00022000u, rig.Domains.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000));
    }

    [Theory]
    [InlineData(MSM_SUBSYSTEM_MAP_IOVA, 0x01001000u)]
    [InlineData(MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_ALIGN_IOVA_8K, 0x01002000u)]
    [InlineData(MSM_SUBSYSTEM_MAP_IOVA | 0x3000u, 0x01002000u)] // any bit ≥ 0x1000 is alignment; ilog2 rounds down
    [InlineData(MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_ALIGN_IOVA_1M, 0x01100000u)]
    [InlineData(MSM_SUBSYSTEM_MAP_IOVA | 0x80000000u, 0x01001000u)] // int min_align < 0 → max(min_align, SZ_4K) = 4K
    public void Alignment_ComesFromTheFlags(uint flags, uint expected)
    {
        var rig = new VendorRig();
        Assert.Equal(0x01000000u, rig.Domains.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_MAIN_POOL, 0x1000, 0x1000));
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x1000, flags, [MSM_SUBSYSTEM_VIDEO], 1));
        Assert.Equal([expected], buf.Iova!);
        Assert.Equal(Phys | VendorRig.Mainline4KRw, rig.Pte(rig.Video, expected));
    }

    [Fact]
    public void TwoX_ReservesDoubleAndMapsTheSecondHalfToTheDummyPage()
    {
        var rig = new VendorRig();
        uint dummy = rig.Domains.IommuDummyPhys;
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x2000, MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_MAP_IOMMU_2X, [MSM_SUBSYSTEM_VIDEO], 1));
        Assert.Equal([0x01000000u], buf.Iova!);
        Assert.Equal(
            [0x8A340C3Au, 0x8A341C3Au, dummy | VendorRig.Caf4KRwUncached, dummy | VendorRig.Caf4KRwUncached, 0u],
            new uint[] { 0x01000000, 0x01001000, 0x01002000, 0x01003000, 0x01004000 }.Select(va => rig.Pte(rig.Video, va)));
        Assert.Equal(dummy + 0x44, rig.Translate("vcodec_a_mm1", 0x01003044).Pa);
        Assert.Equal(0x01004000u, rig.Domains.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_MAIN_POOL, 0x1000, 0x1000));
    }

    [Fact]
    public void TwoX_UnmapCoversThePaddingAndFreesMapSize()
    {
        var rig = new VendorRig();
        ErrPtr<MsmMappedBuffer> buf = rig.Subsystem.MapBuffer(Phys, 0x2000, MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_MAP_IOMMU_2X, [MSM_SUBSYSTEM_VIDEO], 1);
        Assert.Equal(0, rig.Subsystem.UnmapBuffer(buf));
        Assert.Equal(0, rig.Subsystem.UnmapWarnings);
        Assert.Equal(0u, VendorRig.Fl(rig.Video, 0x01000000));
        Assert.Equal(0x01000000u, rig.Domains.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_MAIN_POOL, 0x4000, 0x1000));
    }

    [Fact]
    public void TwoX_MapExtraFailureIsIgnored_AndTheUnmapOfTheMissingPaddingWarns()
    {
        var rig = new VendorRig();
        // Put the buffer at 0x010FF000 so that its padding page needs a second table, which fails.
        Assert.Equal(0x01000000u, rig.Domains.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_MAIN_POOL, 0x000FF000, 0x1000));
        VendorRig.Priv(rig.Video).PageTable.SecondLevelFaults.FailAt(2);
        ErrPtr<MsmMappedBuffer> buf = rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_MAP_IOMMU_2X, [MSM_SUBSYSTEM_VIDEO], 1);
        Assert.Equal([0x010FF000u], Ok(buf).Iova!);
        Assert.Equal(Phys | VendorRig.Mainline4KRw, rig.Pte(rig.Video, 0x010FF000));
        Assert.Equal(0u, VendorRig.Fl(rig.Video, 0x01100000));
        Assert.Contains(rig.Domains.Log, m => m.StartsWith("msm_iommu_map_extra: could not map extra 0x01100000", StringComparison.Ordinal));
        // Unmap walks both pages: the padding's empty first-level slot gives -ENODEV, one WARN.
        Assert.Equal(0, rig.Subsystem.UnmapBuffer(buf));
        Assert.Equal(1, rig.Subsystem.UnmapWarnings);
        Assert.Equal(0u, VendorRig.Fl(rig.Video, 0x010FF000));
        Assert.False(rig.Pool(VIDEO_DOMAIN, VIDEO_MAIN_POOL).IsAllocated(0x010FF000, 0x1000));
        Assert.False(rig.Pool(VIDEO_DOMAIN, VIDEO_MAIN_POOL).IsAllocated(0x01100000, 0x1000));
    }

    [Fact]
    public void Rotator_MapsIntoDisplayWriteDomain()
    {
        var rig = new VendorRig();
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_ROTATOR], 1));
        Assert.Equal([0x00020000u], buf.Iova!);
        Assert.Equal(Phys | VendorRig.Mainline4KRw, rig.Pte(rig.Domain(DISPLAY_WRITE_DOMAIN), 0x00020000));
        Assert.Equal(0u, VendorRig.Fl(rig.Domain(ROTATOR_SRC_DOMAIN), 0x00020000));
        Assert.Equal(0u, VendorRig.Fl(rig.Domain(DISPLAY_READ_DOMAIN), 0x00020000));
        Assert.True(rig.Pool(DISPLAY_WRITE_DOMAIN, GEN_POOL).IsAllocated(0x00020000, 0x1000));
        Assert.False(rig.Pool(ROTATOR_SRC_DOMAIN, GEN_POOL).IsAllocated(0x00020000, 0x1000));
    }

    [Fact]
    public void Display_MapsIntoDisplayReadDomain()
    {
        var rig = new VendorRig();
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_DISPLAY], 1));
        Assert.Equal(Phys | VendorRig.Mainline4KRw, rig.Pte(rig.Domain(DISPLAY_READ_DOMAIN), buf.Iova![0]));
    }

    [Theory]
    [InlineData(MAX_SUBSYSTEM_ID)]
    [InlineData(7)]
    [InlineData(INVALID_SUBSYS_ID)]
    public void UnknownId_LooksUpRotatorSrcButHasNoPartition_IovaStays0AndTheCallSucceeds(int id)
    {
        var rig = new VendorRig();
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, [id], 1));
        Assert.Equal([0u], buf.Iova!);
        Assert.Equal(["msm_subsystem_map_buffer: could not allocate iova address"], rig.Subsystem.Log);
    }

    [Fact]
    public void KaddrOnly_IoremapsThePhysicalBuffer()
    {
        var rig = new VendorRig();
        int areas = rig.Kmem.VmAreaCount;
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(0x8A345000, 0x2000, MSM_SUBSYSTEM_MAP_KADDR, null, 0));
        Assert.True(buf.Vaddr >= KernelMemory.VMALLOC_START);
        Assert.Null(buf.Iova);
        Assert.True(rig.Kmem.TryTranslate(buf.Vaddr + 0x1234, out uint pa));
        Assert.Equal(0x8A346234u, pa);
        Assert.Equal(areas + 1, rig.Kmem.VmAreaCount);
        Assert.Equal((1, 1), (rig.Subsystem.BufferCount, rig.Subsystem.PhysBufferCount));
    }

    [Fact]
    public void KaddrOfAnUnalignedPhys_KeepsTheOffset()
    {
        var rig = new VendorRig();
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(0x8A345800, 0x100, MSM_SUBSYSTEM_MAP_KADDR | MSM_SUBSYSTEM_MAP_CACHED, null, 0));
        Assert.Equal(0x800u, buf.Vaddr & 0xFFF);
        Assert.True(rig.Kmem.TryTranslate(buf.Vaddr, out uint pa));
        Assert.Equal(0x8A345800u, pa);
    }

    [Fact]
    public void DuplicateKaddr_IsEInvalAndLeavesTheFirstMapping()
    {
        var rig = new VendorRig();
        MsmMappedBuffer first = Ok(rig.Subsystem.MapBuffer(0x8A345000, 0x2000, MSM_SUBSYSTEM_MAP_KADDR, null, 0));
        int areas = rig.Kmem.VmAreaCount;
        ErrPtr<MsmMappedBuffer> second = rig.Subsystem.MapBuffer(0x8A345000, 0x1000, MSM_SUBSYSTEM_MAP_KADDR | MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], 1);
        Assert.True(second.IsErr);
        Assert.Equal(VendorRig.EINVAL, second.PtrErr);
        Assert.Equal(areas, rig.Kmem.VmAreaCount);
        Assert.Equal((1, 1), (rig.Subsystem.BufferCount, rig.Subsystem.PhysBufferCount));
        Assert.Equal(0u, VendorRig.Fl(rig.Camera, 0x20000)); // nothing was mapped for the rejected call
        Assert.Contains("twice in the kernel virtual space", rig.Subsystem.Log[0]);
        Assert.True(rig.Kmem.TryTranslate(first.Vaddr, out _));
    }

    [Fact]
    public void DuplicateIovaOnlyMappingsOfOnePhys_AreAllowed()
    {
        var rig = new VendorRig();
        MsmMappedBuffer a = Ok(rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], 1));
        MsmMappedBuffer b = Ok(rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], 1));
        Assert.Equal([0x00020000u, 0x00021000u], new[] { a.Iova![0], b.Iova![0] });
        Assert.Equal(2, rig.Subsystem.BufferCount);
    }

    [Fact]
    public void KaddrIoremapFailure_IsEInval()
    {
        var rig = new VendorRig();
        rig.Kmem.IoremapFaults.FailAt(1);
        ErrPtr<MsmMappedBuffer> p = rig.Subsystem.MapBuffer(0x8A345000, 0x1000, MSM_SUBSYSTEM_MAP_KADDR, null, 0);
        Assert.Equal(VendorRig.EINVAL, p.PtrErr);
        Assert.Equal((0, 0), (rig.Subsystem.BufferCount, rig.Subsystem.PhysBufferCount));
    }

    [Fact]
    public void KaddrAndIova_DoBoth()
    {
        var rig = new VendorRig();
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_KADDR | MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], 1));
        Assert.NotEqual(0u, buf.Vaddr);
        Assert.Equal([0x00020000u], buf.Iova!);
        Assert.Equal(Phys + 0x10, rig.Translate("vfe_imgwr", 0x00020010).Pa);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(MSM_SUBSYSTEM_MAP_CACHED | MSM_SUBSYSTEM_MAP_UNCACHED | MSM_SUBSYSTEM_MAP_IOMMU_2X | MSM_SUBSYSTEM_ALIGN_IOVA_8K)]
    public void NeitherKaddrNorIova_IsEInval(uint flags)
    {
        var rig = new VendorRig();
        int calls = rig.Kmem.KzallocFaults.Calls;
        ErrPtr<MsmMappedBuffer> p = rig.Subsystem.MapBuffer(Phys, 0x1000, flags, [MSM_SUBSYSTEM_CAMERA], 1);
        Assert.Equal(VendorRig.EINVAL, p.PtrErr);
        Assert.Equal(0, rig.Subsystem.BufferCount);
        Assert.Equal(calls, rig.Kmem.KzallocFaults.Calls); // rejected before any kzalloc
    }

    [Fact]
    public void IovaWithNullSubsysIds_MapsNothingAndIovaIsNull()
    {
        var rig = new VendorRig();
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, null, 3));
        Assert.Null(buf.Iova);
        Assert.Equal(0u, buf.Vaddr);
        Assert.Equal(1, rig.Subsystem.BufferCount);
        Assert.Equal(0x00020000u, rig.Domains.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x1000, 0x1000));
    }

    [Fact]
    public void ZeroSubsystems_GiveAnEmptyIovaArray()
    {
        var rig = new VendorRig();
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], 0));
        Assert.NotNull(buf.Iova);
        Assert.Empty(buf.Iova);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ResultOrNodeAllocationFailure_IsENomem(int failAt)
    {
        var rig = new VendorRig();
        rig.Kmem.KzallocFaults.FailAt(failAt);
        ErrPtr<MsmMappedBuffer> p = rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], 1);
        Assert.Equal(VendorRig.ENOMEM, p.PtrErr);
        Assert.Equal(0, rig.Subsystem.BufferCount);
    }

    [Fact]
    public void IovaArrayAllocationFailure_IsENomemAndUndoesTheKernelMapping()
    {
        var rig = new VendorRig();
        int areas = rig.Kmem.VmAreaCount;
        rig.Kmem.KzallocFaults.FailAt(3);
        ErrPtr<MsmMappedBuffer> p = rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_KADDR | MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], 1);
        Assert.Equal(VendorRig.ENOMEM, p.PtrErr);
        Assert.Equal(areas, rig.Kmem.VmAreaCount);
        Assert.Equal((0, 0), (rig.Subsystem.BufferCount, rig.Subsystem.PhysBufferCount));
        // The phys can be kernel-mapped again.
        Ok(rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_KADDR, null, 0));
    }

    [Fact]
    public void WithoutIommu_EveryIovaIsThePhysicalAddress()
    {
        var rig = new VendorRig(VendorRig.NoDomains);
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x3000, MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_MAP_IOMMU_2X, [MSM_SUBSYSTEM_VIDEO, 9, MSM_SUBSYSTEM_CAMERA], 3));
        Assert.Equal([Phys, Phys, Phys], buf.Iova!);
        Assert.Equal(0, rig.Subsystem.UnmapBuffer(buf));
        Assert.Equal(0, rig.Subsystem.UnmapWarnings);
    }

    [Fact]
    public void ExhaustedPartition_LeavesIova0YetSucceeds()
    {
        var rig = new VendorRig();
        Assert.Equal(0x00020000u, rig.Domains.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL, 0x00FE0000, 0x1000));
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x2000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_VIDEO_FWARE], 2));
        Assert.Equal([0x01000000u, 0u], buf.Iova!);
        Assert.Equal(["msm_subsystem_map_buffer: could not allocate iova address"], rig.Subsystem.Log);
        Assert.Equal(0u, VendorRig.Fl(rig.Video, 0));
    }

    [Fact]
    public void NullDomain_LeavesIova0YetSucceeds()
    {
        var rig = new VendorRig(beforeDomains: r => r.Core.DomainAllocFaults.FailAt(2)); // CAMERA_DOMAIN is NULL
        MsmMappedBuffer buf = Ok(rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA, MSM_SUBSYSTEM_DISPLAY], 2));
        Assert.Equal([0u, 0x00020000u], buf.Iova!);
        Assert.Equal(["msm_subsystem_map_buffer: could not get domain for subsystem 2"], rig.Subsystem.Log);
    }

    [Fact]
    public void MapFailure_UndoUsesTheLastDomainForEarlierSubsystems()
    {
        var rig = new VendorRig();
        VendorRig.Priv(rig.Camera).PageTable.SecondLevelFaults.FailAt(1);
        ErrPtr<MsmMappedBuffer> p = rig.Subsystem.MapBuffer(Phys, 0x2000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_VIDEO_FWARE, MSM_SUBSYSTEM_CAMERA], 2);
        Assert.Equal(VendorRig.EINVAL, p.PtrErr);
        Assert.Equal(0, rig.Subsystem.BufferCount);
        // VIDEO_FWARE's pages were "unmapped" in the camera domain: they are still live in the video domain...
        Assert.Equal(0x8A340C3Au, rig.Pte(rig.Video, 0x00020000));
        Assert.Equal(0x8A341C3Au, rig.Pte(rig.Video, 0x00021000));
        // ...while their IOVA went back to the firmware pool.
        Assert.False(rig.Pool(VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL).IsAllocated(0x00020000, 0x1000));
        // The failing subsystem's own IOVA is not freed.
        Assert.True(rig.Pool(CAMERA_DOMAIN, GEN_POOL).IsAllocated(0x00020000, 0x2000));
        Assert.Equal(0u, VendorRig.Fl(rig.Camera, 0x00020000));
    }

    [Fact]
    public void MapFailure_UndoFreesLengthNotMapSizeOfEarlierSubsystems()
    {
        var rig = new VendorRig();
        uint dummy = rig.Domains.IommuDummyPhys;
        VendorRig.Priv(rig.Camera).PageTable.SecondLevelFaults.FailAt(1);
        ErrPtr<MsmMappedBuffer> p = rig.Subsystem.MapBuffer(Phys, 0x2000, MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_MAP_IOMMU_2X, [MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_CAMERA], 2);
        Assert.Equal(VendorRig.EINVAL, p.PtrErr);
        GenPool main = rig.Pool(VIDEO_DOMAIN, VIDEO_MAIN_POOL);
        Assert.False(main.IsAllocated(0x01000000, 0x1000));
        Assert.False(main.IsAllocated(0x01001000, 0x1000));
        Assert.True(main.IsAllocated(0x01002000, 0x2000)); // the 2X half stays allocated
        Assert.Equal(dummy | VendorRig.Caf4KRwUncached, rig.Pte(rig.Video, 0x01002000));
        Assert.Equal(0x8A340C3Au, rig.Pte(rig.Video, 0x01000000));
    }

    [Fact]
    public void MapFailure_UnmapsTheCurrentSubsystemsMappedPages()
    {
        var rig = new VendorRig();
        // Move the camera allocation to 0xFF000 so that its second page needs a second table.
        Assert.Equal(0x00020000u, rig.Domains.MsmAllocateIovaAddress(CAMERA_DOMAIN, GEN_POOL, 0x000DF000, 0x1000));
        VendorRig.Priv(rig.Camera).PageTable.SecondLevelFaults.FailAt(2);
        ErrPtr<MsmMappedBuffer> p = rig.Subsystem.MapBuffer(Phys, 0x2000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], 1);
        Assert.Equal(VendorRig.EINVAL, p.PtrErr);
        Assert.Equal(0u, VendorRig.Fl(rig.Camera, 0x000FF000)); // page 0 unmapped, its table freed
        Assert.Equal(0u, VendorRig.Fl(rig.Camera, 0x00100000));
        Assert.True(rig.Pool(CAMERA_DOMAIN, GEN_POOL).IsAllocated(0x000FF000, 0x2000));
    }

    [Fact]
    public void MapFailure_WithAnEarlierIova0_BugsFreeingIova0()
    {
        var rig = new VendorRig();
        Assert.Equal(0x00020000u, rig.Domains.MsmAllocateIovaAddress(VIDEO_DOMAIN, VIDEO_FIRMWARE_POOL, 0x00FE0000, 0x1000));
        VendorRig.Priv(rig.Camera).PageTable.SecondLevelFaults.FailAt(1);
        var bug = Assert.Throws<KernelBugException>(() =>
            rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_VIDEO_FWARE, MSM_SUBSYSTEM_CAMERA], 2));
        Assert.Contains("gen_pool_free(0x00000000", bug.Site);
    }

    [Fact]
    public void SubsysIdsShorterThanNsubsys_IsRejectedByTheModel()
    {
        var rig = new VendorRig();
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Subsystem.MapBuffer(Phys, 0x1000, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], 2));
    }
}
