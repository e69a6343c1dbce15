using Generic.Iommu;
using Generic.Iommu.Dma;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Kernel;

namespace Generic.Msm.Tests;

/// <summary>
/// Fault injection: fail the Nth second-level table allocation (every N over a workload) or the Nth driver
/// map call; after each failed map the page tables and the IOVA allocator are exactly as before the call,
/// where the kernel's rollback really unmaps (batched ops). The 3.3 per-page MSM ops are the documented
/// exception: their unmap ignores the remaining length the core's rollback passes (msm.md §5.14).
/// </summary>
public class FailedMapLeavesStateTests
{
    private sealed class World
    {
        public World(bool batched)
        {
            Soc = Soc.CreateDefault();
            Kmem = new KernelMemory(Soc.Pages);
            Platform = new MsmIommuPlatform(Kmem);
            Platform.ProbeAll(Soc);
            Bus = new BusType("platform");
            Ops = batched ? new MsmIommuPagesOps(Platform) : new MsmIommuOps(Platform);
        }

        public Soc Soc { get; }
        public KernelMemory Kmem { get; }
        public MsmIommuPlatform Platform { get; }
        public BusType Bus { get; }
        public IIommuOps Ops { get; }

        public IommuDomain NewDomain(IIommuOps ops)
        {
            Assert.Equal(0, Bus.SetIommu(ops));
            return IommuApi.DomainAlloc(Bus)!;
        }

        public string Tables(IommuDomain domain)
        {
            MsmPageTable t = ((MsmPriv)domain.Priv!).PageTable;
            var parts = new List<string>();
            for (uint i = 0; i < MsmPageTableFormat.NUM_FL_PTE; i++)
            {
                uint fl = t.ReadFl(i);
                if (fl == 0)
                    continue;
                parts.Add($"{i}:{((fl & 3) == 1 ? "T" : fl.ToString("x8"))}");
                if ((fl & 3) != 1)
                    continue;
                for (uint j = 0; j < 256; j++)
                {
                    uint sl = Soc.Memory.ReadWord((fl & 0xFFFFFC00) + j * 4);
                    if (sl != 0)
                        parts.Add($"{i}.{j}:{sl:x8}");
                }
            }
            return string.Join(",", parts);
        }
    }

    // A buffer of 40 scattered 4K pages whose IOVA region crosses several 1M boundaries (several SL tables).
    private static SgTable Workload(Soc soc)
    {
        var entries = new Scatterlist[40];
        for (int i = 0; i < entries.Length; i++)
            entries[i].SetPage(soc.Pages.AllocPages(0, zero: true) + (uint)(i % 3) * 0x40000, 0x1000, 0);
        return SgTable.FromEntries(entries);
    }

    [Fact]
    public void SecondLevelAllocationFailure_AtEveryN_LeavesTablesAndIovaUnchanged()
    {
        int failures = 0;
        for (int n = 1; ; n++)
        {
            var w = new World(batched: true);
            IommuDomain domain = w.NewDomain(w.Ops);
            var iova = new IovaAllocator(0x100F0000, 0x20000000);
            var dev = new Device("client");
            DmaApi.SetDmaOps(dev, new IommuDmaOps(domain, iova, w.Kmem));
            Assert.Equal(0, IommuApi.Map(domain, 0x1FF00000, 0x80000000, 0x1000, 0)); // something already mapped
            SgTable sgt = Workload(w.Soc);
            string tablesBefore = w.Tables(domain);
            var iovaBefore = iova.Snapshot();
            int pagesBefore = w.Soc.Pages.AllocatedPages;

            ((MsmPriv)domain.Priv!).PageTable.SecondLevelFaults.FailAt(n);
            int mapped = DmaApi.MapSg(dev, sgt, DmaDataDirection.Bidirectional);
            if (mapped != 0)
                break; // N beyond the allocations the workload needs: done
            failures++;
            Assert.Equal(tablesBefore, w.Tables(domain));
            Assert.Equal(iovaBefore, iova.Snapshot());
            Assert.Equal(pagesBefore, w.Soc.Pages.AllocatedPages); // emptied tables were freed again
        }
        Assert.True(failures >= 2, $"the workload needed only {failures} table allocation(s)");
    }

    private sealed class FailNthMap(IIommuOps inner, int failAt) : IIommuOps
    {
        private int _calls;
        public uint PgsizeBitmap => inner.PgsizeBitmap;
        public bool HasMapPages => inner.HasMapPages;
        public bool HasUnmapPages => inner.HasUnmapPages;
        public int Map(IommuDomain d, uint iova, uint paddr, uint size, int prot) =>
            ++_calls == failAt ? -Errno.ENOMEM : inner.Map(d, iova, paddr, size, prot);
        public int MapPages(IommuDomain d, uint iova, uint paddr, uint pgsize, uint count, int prot, out uint mapped)
        {
            if (++_calls == failAt)
            {
                mapped = 0;
                return -Errno.ENOMEM;
            }
            return inner.MapPages(d, iova, paddr, pgsize, count, prot, out mapped);
        }
        public uint Unmap(IommuDomain d, uint iova, uint size) => inner.Unmap(d, iova, size);
        public uint UnmapPages(IommuDomain d, uint iova, uint pgsize, uint count, ref IommuIotlbGather g) => inner.UnmapPages(d, iova, pgsize, count, ref g);
        public void IotlbSync(IommuDomain d, ref IommuIotlbGather g) => inner.IotlbSync(d, ref g);
        public int DomainInit(IommuDomain d) => inner.DomainInit(d);
        public void DomainDestroy(IommuDomain d) => inner.DomainDestroy(d);
        public int AttachDev(IommuDomain d, Device dev) => inner.AttachDev(d, dev);
        public void DetachDev(IommuDomain d, Device dev) => inner.DetachDev(d, dev);
        public uint IovaToPhys(IommuDomain d, uint iova) => inner.IovaToPhys(d, iova);
        public int DomainHasCap(IommuDomain d, uint cap) => inner.DomainHasCap(d, cap);
    }

    [Fact]
    public void DriverMapFailure_AtEveryCall_IsRolledBackByTheBatchedPath()
    {
        // 0x0000F000 + 0x111000: runs 4K, 64K×17 → the batched driver gets 2 map_pages calls.
        for (int n = 1; n <= 2; n++)
        {
            var w = new World(batched: true);
            IommuDomain domain = w.NewDomain(new FailNthMap(w.Ops, n));
            string before = w.Tables(domain);
            Assert.Equal(-12, IommuApi.Map(domain, 0x0000F000, 0x1000F000, 0x00111000, 0));
            Assert.Equal(before, w.Tables(domain));
        }
    }

    [Fact]
    public void PerPage33Driver_RollbackLeavesTheMappedPages_AsTheKernelDoes()
    {
        var w = new World(batched: false);
        IommuDomain domain = w.NewDomain(new FailNthMap(w.Ops, 3));
        Assert.Equal(-12, IommuApi.Map(domain, 0x00010000, 0x10010000, 0x00030000, 0)); // 3 × 64K, the third fails
        // The core unmaps 0x20000 from the start; the driver treats 0x20000 as a length it does not know,
        // reports it unmapped and clears nothing (msm.md §5.14, generic.md §9.5).
        MsmPageTable t = ((MsmPriv)domain.Priv!).PageTable;
        uint sl = t.ReadFl(0) & 0xFFFFFC00;
        Assert.Equal(0x10010C35u, w.Soc.Memory.ReadWord(sl + 0x10 * 4));
        Assert.Equal(0x10020C35u, w.Soc.Memory.ReadWord(sl + 0x20 * 4));
        Assert.Equal(0u, w.Soc.Memory.ReadWord(sl + 0x30 * 4));
    }
}
