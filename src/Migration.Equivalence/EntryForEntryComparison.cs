namespace Migration.Equivalence;

/// <summary>
/// Both worlds address by address over the same device addresses: every address translates to the same physical
/// identity with the same attributes, or faults in both (translation mode, compared as merged runs); in strict mode
/// also through the same entries (page size, level, descriptor bits, page). Only the parts of each 1 MiB slot a step
/// wrote are compared after it, every slot on a whole comparison.
/// </summary>
public sealed class EntryForEntryComparison : TwoWorldComparison
{
    private EntryForEntryComparison()
    {
    }

    /// <summary>The comparison (it holds no state: a run keeps its own).</summary>
    public static EntryForEntryComparison Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "entry-for-entry";

    /// <inheritdoc />
    public override string Description => "compares both worlds address by address";

    // The parts of each dirty slot the step wrote: the whole slot, or its dirty 64 KiB windows.
    internal override Divergence? CompareWritten(TwoWorldRun run, int index, string text, AddressSpaceImage legacy, AddressSpaceImage ported, DirtyWindows written)
    {
        foreach (int s in written.Slots)
        {
            ushort mask = written.MaskOf(s);
            uint slotBase = (uint)s << 20;
            for (int w = 0; w < 16; w++)
            {
                if (mask == DirtyWindows.WholeSlot)
                {
                    if (CompareRange(run, index, text, legacy, ported, s, slotBase, slotBase + 0x100000UL) is { } whole)
                        return whole;
                    break;
                }
                if ((mask & (1 << w)) == 0)
                    continue;
                uint from = slotBase + ((uint)w << 16);
                if (CompareRange(run, index, text, legacy, ported, s, from, from + (ulong)DirtyWindows.WindowSize) is { } d)
                    return d;
            }
        }
        return null;
    }

    internal override Divergence? CompareWhole(TwoWorldRun run, int index, string text, AddressSpaceImage legacy, AddressSpaceImage ported)
    {
        foreach (int s in TwoWorldRun.AllSlots)
        {
            uint slotBase = (uint)s << 20;
            if (CompareRange(run, index, text, legacy, ported, s, slotBase, slotBase + 0x100000UL) is { } d)
                return d;
        }
        return null;
    }

    private static Divergence? CompareRange(TwoWorldRun run, int index, string text, AddressSpaceImage a, AddressSpaceImage b, int slot, uint start, ulong end)
    {
        int left = a.EntriesIn(slot, start, end).Length, right = b.EntriesIn(slot, start, end).Length;
        run.MappingsCompared += left;
        if (left == 0 && right == 0)
            return null;
        // Translations first, in strict mode too: a documented choice of other entries claims they agree, and a
        // documented translation difference excludes its range from the entry comparison.
        run.LeftRuns.Clear();
        run.RightRuns.Clear();
        a.AppendRuns(slot, start, end, run.LeftRuns);
        b.AppendRuns(slot, start, end, run.RightRuns);
        ulong from = start;
        while (TranslationMap.FirstDifference(run.LeftRuns, run.RightRuns, from) is { } t)
        {
            if (Resume(run, index, text, DivergenceKind.Translation, a, b, t.Iova, out Divergence? unexpected) is not { } resume)
                return unexpected;
            from = resume;
        }
        return run.Mode == EquivalenceMode.Strict ? CompareEntries(run, index, text, a, b, slot, start, end) : null;
    }

    private static Divergence? CompareEntries(TwoWorldRun run, int index, string text, AddressSpaceImage a, AddressSpaceImage b, int slot, uint start, ulong end)
    {
        ReadOnlySpan<PageEntry> x = a.EntriesIn(slot, start, end), y = b.EntriesIn(slot, start, end);
        int i = 0, j = 0;
        while (i < x.Length || j < y.Length)
        {
            if (i < x.Length && j < y.Length && SameEntry(x[i], y[j], a.Identity, b.Identity))
            {
                i++;
                j++;
                continue;
            }
            uint at = i >= x.Length ? y[j].Iova : j >= y.Length ? x[i].Iova : Math.Min(x[i].Iova, y[j].Iova);
            at = Math.Max(at, start);
            if (Resume(run, index, text, DivergenceKind.Entries, a, b, at, out Divergence? unexpected) is not { } resume)
                return unexpected;
            while (i < x.Length && x[i].Iova < resume)
                i++;
            while (j < y.Length && y[j].Iova < resume)
                j++;
        }
        return null;
    }

    // Where a comparison of `kind` goes on after a difference at `iova`: past an excluded range, past a documented
    // difference; null (with the divergence) when the difference is unexpected.
    private static ulong? Resume(TwoWorldRun run, int index, string text, DivergenceKind kind, AddressSpaceImage a, AddressSpaceImage b, uint iova, out Divergence? unexpected)
    {
        unexpected = null;
        ulong excluded = run.Judge.ExcludedUntil(kind, a.Space.Name, iova);
        if (excluded > iova)
            return excluded;
        Divergence d = Describe(run, index, text, kind, a, b, iova);
        // Entries are naturally aligned, so each side's entry ends at the next multiple of its size (a 4K granule when unmapped).
        ulong covered = Math.Max(EntryEnd(iova, d.LegacyPageSize ?? 0), EntryEnd(iova, d.PortedPageSize ?? 0));
        ulong? resume = run.Judge.Judge(d, covered);
        if (resume is null)
            unexpected = d;
        return resume;
    }

    private static ulong EntryEnd(uint iova, uint size)
    {
        ulong granule = size == 0 ? 0x1000UL : size;
        return (iova & ~(granule - 1)) + granule;
    }

    // Same page, same size and level, same physical identity and the same descriptor bits below the address
    // field (type, attributes): the L2 table's own address is not compared, only its contents.
    private static bool SameEntry(in PageEntry p, in PageEntry q, PhysicalIdentity ip, PhysicalIdentity iq) =>
        p.Iova == q.Iova && p.Size == q.Size && p.Level == q.Level && p.Attributes == q.Attributes
        && (p.Descriptor & (p.Size - 1)) == (q.Descriptor & (q.Size - 1))
        && ip.Resolve(p.Pa) == iq.Resolve(q.Pa);

    private static Divergence Describe(TwoWorldRun run, int index, string text, DivergenceKind kind, AddressSpaceImage a, AddressSpaceImage b, uint iova)
    {
        PageEntry? x = a.EntryAt(iova), y = b.EntryAt(iova);
        return new Divergence
        {
            Step = index,
            StepText = text,
            Kind = kind,
            Space = a.Space.Name,
            Iova = iova,
            Legacy = Side(x, a.Identity, iova),
            Ported = Side(y, b.Identity, iova),
            LegacyPageSize = x?.Size ?? 0,
            PortedPageSize = y?.Size ?? 0,
            LegacyAttributes = x?.Attributes,
            PortedAttributes = y?.Attributes,
            SamePhysicalPage = x is { } px && y is { } py
                && a.Identity.Resolve(px.Pa + (iova - px.Iova)) == b.Identity.Resolve(py.Pa + (iova - py.Iova)),
            LegacyWriter = x is { } ex ? run.Legacy.Tracker.WriterOf(ex.DescriptorAddress) : null,
            PortedWriter = y is { } ey ? run.Ported.Tracker.WriterOf(ey.DescriptorAddress) : null,
        };
    }
}
