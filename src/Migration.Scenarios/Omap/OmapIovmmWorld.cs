using Migration.Drivers.Omap;
using Migration.Equivalence;
using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Migration.Scenarios.Omap;

/// <summary>
/// An OMAP world driven at the iovmm level (the `random` scenario): buffers numbered by the trace, mapped with
/// vmalloc or vmap and released with vfree or vunmap, and read by the ISP. The era-specific calls are the
/// subclass's; the bookkeeping and the device view are the same in both worlds.
/// </summary>
internal abstract class OmapIovmmWorld : IEquivalenceWorld
{
    private readonly Dictionary<int, (uint Da, uint Bytes)> _buffers = new();

    protected OmapIovmmWorld(string name)
    {
        Name = name;
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Mmu = Soc.FindOmapMmu("isp")!;
    }

    public string Name { get; }

    public PhysicalMemory Memory => Soc.Memory;

    public abstract IReadOnlyList<DeviceAddressSpace> Spaces { get; }

    public PhysicalIdentity Identity { get; } = new();

    public WriteTracker Tracker { get; } = new();

    protected Soc Soc { get; }

    protected KernelMemory Kmem { get; }

    protected OmapMmu Mmu { get; }

    protected DeviceAddressSpace IspSpace(Func<uint> root) =>
        new("isp", new OmapTranslationWalker(Soc.Memory), root, () => OmapWorldSupport.Tlb(Mmu));

    public StepOutcome Apply(TraceStep step)
    {
        int buf = step.I("buf");
        if (step.Op is "vmalloc" or "vmap" && _buffers.ContainsKey(buf))
            return StepOutcome.Of(-Errno.EEXIST); // a random trace reusing a live buffer number: no call is made
        switch (step.Op)
        {
            case "vmalloc":
            {
                Tracker.CurrentCall = $"iommu_vmalloc(isp, 0, 0x{step.U("size"):x}, 0) for buf{buf}";
                uint da = Vmalloc(step.U("size"));
                if (!ErrValue.IsErrValue(da))
                {
                    _buffers[buf] = (da, KernelMemory.PageAlign(step.U("size")));
                    OmapWorldSupport.NameVmallocPages(Kmem, Identity, buf, FindArea(da)!);
                }
                return StepOutcome.Of(Result(da));
            }
            case "vmap":
            {
                uint flags = step.Has("da") ? IovmFlags.IOVMF_DA_FIXED : 0;
                uint fixedDa = step.Has("da") ? step.U("da") : 0;
                SgTable sgt = OmapWorldSupport.ContiguousSg(step.U("pa"), step.I("entries"), step.U("size"));
                Tracker.CurrentCall = $"iommu_vmap(isp, 0x{fixedDa:x}, sgt[{step.I("entries")} x 0x{step.U("size"):x} @0x{step.U("pa"):x8}], 0x{flags:x}) for buf{buf}";
                uint da = Vmap(fixedDa, sgt, flags);
                if (!ErrValue.IsErrValue(da))
                    _buffers[buf] = (da, (uint)sgt.TotalLength);
                return StepOutcome.Of(Result(da));
            }
            case "vfree":
            case "vunmap":
            {
                if (!_buffers.TryGetValue(buf, out var b))
                    return StepOutcome.Of(-Errno.ENOENT); // the trace names a buffer whose map failed: nothing to release
                Tracker.CurrentCall = $"iommu_{step.Op}(isp, 0x{b.Da:x8}) for buf{buf}";
                IovmArea? area = FindArea(b.Da);
                if (step.Op == "vfree")
                {
                    if (area is not null && (area.Flags & IovmFlags.IOVMF_ALLOC) != 0)
                        OmapWorldSupport.ForgetVmallocPages(Kmem, Identity, area);
                    Vfree(b.Da);
                }
                else
                {
                    SgTable? returned = Vunmap(b.Da);
                    if (returned is null)
                        return StepOutcome.Of(-Errno.EINVAL);
                }
                // The area is gone when the call found one with its flags (omap.md §8.16); else the buffer stays mapped.
                if (FindArea(b.Da) is null)
                    _buffers.Remove(buf);
                return StepOutcome.Of(0);
            }
            case "dma":
            {
                if (!_buffers.TryGetValue(buf, out var b))
                    return StepOutcome.Of(-Errno.ENOENT);
                return new StepOutcome(0, OmapWorldSupport.Access(Mmu, Identity, b.Da, b.Bytes));
            }
            default:
                throw new InvalidOperationException($"unknown op '{step.Op}' (the scenario validates ops before running)");
        }
    }

    protected abstract uint Vmalloc(uint bytes);

    protected abstract void Vfree(uint da);

    protected abstract uint Vmap(uint da, SgTable sgt, uint flags);

    protected abstract SgTable? Vunmap(uint da);

    protected abstract IovmArea? FindArea(uint da);

    private static long Result(uint da) => ErrValue.IsErrValue(da) ? (int)da : da;
}
