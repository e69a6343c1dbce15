namespace Migration.Equivalence;

/// <summary>
/// Both worlds buffer by buffer, for worlds that place buffers at different device addresses by design (iovmm's guard
/// pages vs a DMA API port's IOVA allocator): the same client buffers live in both worlds, and each translates
/// identically at every offset from its own device address; in strict mode also through the same sequence of page
/// sizes. Return values (device addresses) are not compared. Both worlds must list their buffers
/// (<see cref="IClientBufferView"/>).
/// </summary>
public sealed class RelocatedComparison : TwoWorldComparison
{
    private RelocatedComparison()
    {
    }

    /// <summary>The comparison (it holds no state: a run keeps its own).</summary>
    public static RelocatedComparison Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "relocated";

    /// <inheritdoc />
    public override string Description => "compares both worlds buffer by buffer, each at its own device address";

    // The return values are the device addresses the worlds chose apart; the buffers are compared instead.
    internal override bool ComparesReturnValues => false;

    internal override void CheckWorlds(string scenario, IEquivalenceWorld legacy, IEquivalenceWorld ported)
    {
        if (legacy is not IClientBufferView || ported is not IClientBufferView)
            throw new InvalidOperationException($"scenario {scenario}: a relocated comparison needs worlds that list their client buffers");
    }

    // Buffer by buffer: the same keys live in both worlds, and each translates identically at every offset from
    // its own device address; in strict mode also through the same sequence of page sizes.
    internal override Divergence? CompareWorlds(TwoWorldRun run, int index, string text)
    {
        IReadOnlyList<ClientBuffer> left = ((IClientBufferView)run.Legacy).LiveBuffers;
        IReadOnlyList<ClientBuffer> right = ((IClientBufferView)run.Ported).LiveBuffers;
        for (int i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            ClientBuffer? x = i < left.Count ? left[i] : null, y = i < right.Count ? right[i] : null;
            if (x is not { } bx || y is not { } by || bx.Key != by.Key || bx.Length != by.Length || bx.Space != by.Space)
            {
                var missing = new Divergence
                {
                    Step = index,
                    StepText = text,
                    Kind = DivergenceKind.Translation,
                    Legacy = x is { } lx ? $"buffer {lx.Key} (0x{lx.Length:x} bytes at 0x{lx.Da:x8})" : "(no such buffer)",
                    Ported = y is { } ry ? $"buffer {ry.Key} (0x{ry.Length:x} bytes at 0x{ry.Da:x8})" : "(no such buffer)",
                };
                if (run.Judge.Judge(missing) is null)
                    return missing;
                continue;
            }
            if (CompareBuffer(run, index, text, bx, by) is { } d)
                return d;
        }
        return null;
    }

    private static Divergence? CompareBuffer(TwoWorldRun run, int index, string text, ClientBuffer bx, ClientBuffer by)
    {
        AddressSpaceImage a = ImageOf(run.LegacyImages, bx.Space), b = ImageOf(run.PortedImages, by.Space);
        List<PageEntry> leftEntries = run.LeftEntries, rightEntries = run.RightEntries;
        run.LeftRuns.Clear();
        run.RightRuns.Clear();
        leftEntries.Clear();
        rightEntries.Clear();
        a.AppendRelativeRuns(bx.Da, bx.Length, run.LeftRuns, leftEntries);
        b.AppendRelativeRuns(by.Da, by.Length, run.RightRuns, rightEntries);
        run.MappingsCompared += leftEntries.Count;
        ulong from = 0;
        while (TranslationMap.FirstDifference(run.LeftRuns, run.RightRuns, from) is { } t)
        {
            Divergence d = DescribeBuffer(run, index, text, DivergenceKind.Translation, a, b, bx, by, t.Iova);
            if (run.Judge.Judge(d, (ulong)t.Iova + 0x1000) is not { } resume)
                return d;
            from = resume;
        }
        if (run.Mode != EquivalenceMode.Strict)
            return null;
        for (int e = 0; e < Math.Max(leftEntries.Count, rightEntries.Count); e++)
        {
            if (e < leftEntries.Count && e < rightEntries.Count && leftEntries[e].Size == rightEntries[e].Size)
                continue;
            uint off = e < leftEntries.Count
                ? Math.Max(leftEntries[e].Iova, bx.Da) - bx.Da
                : Math.Max(rightEntries[e].Iova, by.Da) - by.Da;
            Divergence d = DescribeBuffer(run, index, text, DivergenceKind.Entries, a, b, bx, by, off);
            // The translations of the whole buffer agreed above; a documented choice of other page sizes covers the buffer.
            return run.Judge.Judge(d) is null ? d : null;
        }
        return null;
    }

    private static Divergence DescribeBuffer(TwoWorldRun run, int index, string text, DivergenceKind kind, AddressSpaceImage a, AddressSpaceImage b, ClientBuffer bx, ClientBuffer by, uint off)
    {
        PageEntry? pl = a.EntryAt(bx.Da + off), pr = b.EntryAt(by.Da + off);
        return new Divergence
        {
            Step = index,
            StepText = text,
            Kind = kind,
            Space = bx.Space,
            Iova = bx.Da + off,
            Legacy = $"{bx.Key}+0x{off:x} at 0x{bx.Da + off:x8}: {Side(pl, a.Identity, bx.Da + off)}",
            Ported = $"{by.Key}+0x{off:x} at 0x{by.Da + off:x8}: {Side(pr, b.Identity, by.Da + off)}",
            LegacyPageSize = pl?.Size ?? 0,
            PortedPageSize = pr?.Size ?? 0,
            LegacyAttributes = pl?.Attributes,
            PortedAttributes = pr?.Attributes,
            SamePhysicalPage = pl is { } ql && pr is { } qr
                && a.Identity.Resolve(ql.Pa + (bx.Da + off - ql.Iova)) == b.Identity.Resolve(qr.Pa + (by.Da + off - qr.Iova)),
            LegacyWriter = pl is { } el ? run.Legacy.Tracker.WriterOf(el.DescriptorAddress) : null,
            PortedWriter = pr is { } er ? run.Ported.Tracker.WriterOf(er.DescriptorAddress) : null,
        };
    }

    private static AddressSpaceImage ImageOf(List<AddressSpaceImage> images, string space) =>
        images.Find(i => i.Space.Name == space) ?? throw new InvalidOperationException($"no address space '{space}'");
}
