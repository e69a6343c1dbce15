using Migration.Hardware;
using Migration.Hardware.Memory;

namespace Migration.Benchmarks;

/// <summary>
/// The memory the store-limit benchmarks write: a fresh SoC and a physically contiguous, already materialised area
/// holding the Size / 4 KiB words a second-level table needs to map Size bytes with 4 KiB pages (at least one page).
/// </summary>
internal sealed class PteStoreArea
{
    /// <summary>An MSM small-page descriptor's fixed bits (SL_TYPE_SMALL | AP0 | AP1 | NG | SHARED), msm.md §3.2: any value will do.</summary>
    public const uint DescriptorBits = 0xC32;

    public PteStoreArea(uint size)
    {
        Soc = Soc.CreateDefault();
        Words = size / 0x1000;
        uint bytes = Math.Max(0x1000u, Words * 4);
        Table = PhysicalBuffers.Contiguous(Soc, bytes);
        Memory.Fill(Table, bytes, 0); // touch every frame, so no store materialises one
    }

    public Soc Soc { get; }

    public PhysicalMemory Memory => Soc.Memory;

    /// <summary>Physical address of the first word.</summary>
    public uint Table { get; }

    /// <summary>How many words a store writes.</summary>
    public uint Words { get; }

    /// <summary>The value word <paramref name="index"/> gets: a page address and the descriptor bits.</summary>
    public static uint Descriptor(uint index) => (index << 12) | DescriptorBits;

    /// <summary>The word <paramref name="index"/> of the area as memory holds it now.</summary>
    public uint Word(uint index) => Memory.ReadWord(Table + (index << 2));

    public string Fingerprint() => StateFingerprint.Of(("frames", Memory.FrameCount), ("pages", Soc.Pages.AllocatedPages));
}
