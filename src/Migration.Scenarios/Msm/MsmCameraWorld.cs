using Migration.Clients.MsmCamera;
using Migration.Equivalence;
using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Hardware.Msm;
using Migration.Kernel;

namespace Migration.Scenarios.Msm;

/// <summary>
/// An MSM world running the camera client (msm.md §8) for the `msm-camera` scenario: frame, JPEG and codec buffers
/// allocated physically contiguous by the scenario's key, mapped through the client, read by the camera contexts.
/// The client is the one <see cref="MsmCameraClient"/>; the subclass only boots its era's platform and opens the client
/// there. The bookkeeping and the device view are the same in both worlds.
/// </summary>
internal abstract class MsmCameraWorld : IEquivalenceWorld
{
    private readonly Dictionary<int, (int Handle, uint Pa, int Order, string Kind)> _buffers = new();
    private MsmCameraClient? _cam;

    protected MsmCameraWorld(string name)
    {
        Name = name;
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
    }

    public string Name { get; }

    public PhysicalMemory Memory => Soc.Memory;

    public IReadOnlyList<DeviceAddressSpace> Spaces => _spaces ??=
    [
        new DeviceAddressSpace("camera", new MsmTranslationWalker(Soc.Memory), () => IsOpen ? Cam.FirstLevelTable("camera") : 0, () => Tlb("camera")),
        new DeviceAddressSpace("video", new MsmTranslationWalker(Soc.Memory), () => IsOpen ? Cam.FirstLevelTable("video") : 0, () => Tlb("video")),
    ];

    private DeviceAddressSpace[]? _spaces;

    public PhysicalIdentity Identity { get; } = new();

    public WriteTracker Tracker { get; } = new();

    protected Soc Soc { get; }

    protected KernelMemory Kmem { get; }

    private bool IsOpen => _cam is not null;

    private MsmCameraClient Cam => _cam ?? throw new InvalidOperationException("the camera is not open (the scenario opens it first)");

    public StepOutcome Apply(TraceStep step)
    {
        switch (step.Op)
        {
            case "open":
                Tracker.CurrentCall = "msm_isp_open (msm_iommu_map_contig_buffer ×2)";
                return StepOutcome.Of(_cam is not null ? -Errno.EBUSY : OpenClient(out _cam));
            case "release":
                Tracker.CurrentCall = "msm_isp_release (msm_iommu_unmap_contig_buffer ×2)";
                return StepOutcome.Of(_cam is null ? -Errno.EINVAL : _cam.Release());
            case "frame":
            case "jpeg":
            case "codec":
                return StepOutcome.Of(MapBuffer(step));
            case "unframe":
            case "unjpeg":
            case "uncodec":
                return StepOutcome.Of(UnmapBuffer(step));
            case "dma":
                return DeviceRead(step.I("key"));
            default:
                throw new InvalidOperationException($"unknown op '{step.Op}' (the scenario validates ops before running)");
        }
    }

    private int MapBuffer(TraceStep step)
    {
        int key = step.I("key");
        if (_buffers.ContainsKey(key))
            return -Errno.EEXIST;
        uint size = step.U("size");
        uint align = step.Has("align") ? step.U("align") : 0x1000;
        int order = Math.Max(KernelMemory.GetOrder(size), KernelMemory.GetOrder(align));
        uint pa = Soc.Pages.AllocPages(order, zero: false);
        if (pa == 0)
            return -Errno.ENOMEM;
        Identity.NameContiguous(key, pa, KernelMemory.PageAlign(size));
        int ret;
        int handle;
        switch (step.Op)
        {
            case "frame":
                uint flags = step.Has("flags") ? step.U("flags") : 0;
                Tracker.CurrentCall = $"msm_subsystem_map_buffer(0x{pa:x8}, 0x{size:x}, IOVA|0x{flags:x}, {{CAMERA}}, 1) for frame {key}";
                ret = Cam.RegisterFrame(pa, size, flags, out handle);
                break;
            case "jpeg":
                Tracker.CurrentCall = $"msm_gemini_platform_v2p(0x{pa:x8}, 0x{size:x}) for jpeg {key}";
                ret = Cam.JpegMap(pa, size, out handle);
                break;
            default:
                bool firmware = step.Has("fw") && step["fw"] != 0;
                Tracker.CurrentCall = $"vidc_insert_addr_table(0x{pa:x8}, 0x{size:x}{(firmware ? ", firmware" : "")}) for codec {key}";
                ret = Cam.CodecMap(pa, size, firmware, out handle);
                break;
        }
        if (ret != 0)
        {
            Identity.Forget(pa, KernelMemory.PageAlign(size));
            Soc.Pages.FreePages(pa, order);
            return ret;
        }
        _buffers[key] = (handle, pa, order, step.Op);
        return 0;
    }

    private int UnmapBuffer(TraceStep step)
    {
        int key = step.I("key");
        if (!_buffers.Remove(key, out var b))
            return -Errno.ENOENT;
        Tracker.CurrentCall = step.Op switch
        {
            "unframe" => $"msm_subsystem_unmap_buffer for frame {key}",
            "unjpeg" => $"msm_gemini_platform_p2v for jpeg {key}",
            _ => $"vidc_delete_addr_table for codec {key}",
        };
        int ret = step.Op switch
        {
            "unframe" => Cam.UnregisterFrame(b.Handle),
            "unjpeg" => Cam.JpegUnmap(b.Handle),
            _ => Cam.CodecUnmap(b.Handle),
        };
        // The frames go back to the allocator only after the device can no longer reach them.
        Identity.Forget(b.Pa, 0x1000u << b.Order);
        Soc.Pages.FreePages(b.Pa, b.Order);
        return ret;
    }

    private StepOutcome DeviceRead(int key)
    {
        if (!_buffers.TryGetValue(key, out var b))
            return StepOutcome.Of(-Errno.ENOENT);
        var seen = new List<string>();
        foreach (MsmCameraBuffer m in Cam.Buffers.Where(m => m.Handle == b.Handle))
        {
            MsmCameraContext ctx = Cam.AttachedContexts(m.Domain)[0];
            MsmDeviceRead.FirstMiddleLast(ctx.Instance, ctx.Number, m.Domain, m.Iova, m.Length, Identity, seen);
        }
        return new StepOutcome(0, seen);
    }

    private IEnumerable<TlbMapping> Tlb(string domain)
    {
        if (!IsOpen)
            yield break;
        foreach (MsmCameraContext ctx in Cam.AttachedContexts(domain))
        {
            foreach (TlbMapping m in MsmTlbView.Entries(ctx.Instance, ctx.Number, ctx.Number * 100))
                yield return m;
        }
    }

    /// <summary>msm_isp_open on this world's platform: 0 with <paramref name="cam"/>, or the errno.</summary>
    protected abstract int OpenClient(out MsmCameraClient? cam);
}
