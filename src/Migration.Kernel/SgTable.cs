namespace Migration.Kernel;

/// <summary>
/// struct sg_table: an array of <see cref="Scatterlist"/> entries with nents/orig_nents
/// (lib/scatterlist.c sg_alloc_table). Owned by whoever allocated it, as in the kernel.
/// </summary>
public sealed class SgTable
{
    private SgTable(Scatterlist[] entries)
    {
        Sgl = entries;
        Nents = entries.Length;
        OrigNents = entries.Length;
    }

    /// <summary>The entries (sgt->sgl); index i is the i-th entry of for_each_sg.</summary>
    public Scatterlist[] Sgl { get; }

    /// <summary>sgt->nents: entries in use (after DMA mapping, possibly fewer than <see cref="OrigNents"/>).</summary>
    public int Nents { get; set; }

    /// <summary>sgt->orig_nents: entries allocated.</summary>
    public int OrigNents { get; }

    /// <summary>sg_alloc_table(table, nents, GFP): -EINVAL for 0 entries, else a zeroed table.</summary>
    public static ErrPtr<SgTable> Alloc(int nents)
    {
        if (nents <= 0)
            return ErrPtr<SgTable>.Error(-Errno.EINVAL);
        return new SgTable(new Scatterlist[nents]);
    }

    /// <summary>Builds a table from the given entries (a client's own scatterlist, e.g. ispqueue's).</summary>
    public static SgTable FromEntries(ReadOnlySpan<Scatterlist> entries)
    {
        if (entries.IsEmpty)
            throw new ArgumentException("a scatterlist needs at least one entry", nameof(entries));
        return new SgTable(entries.ToArray());
    }

    /// <summary>Sum of the lengths of the first <see cref="Nents"/> entries.</summary>
    public ulong TotalLength
    {
        get
        {
            ulong total = 0;
            for (int i = 0; i < Nents; i++)
                total += Sgl[i].Length;
            return total;
        }
    }
}
