using Migration.Hardware.Memory;

namespace Migration.Equivalence;

/// <summary>
/// One world of a comparison on its own fresh simulated SoC: a client driver of one era booted on its IOMMU stack,
/// which turns scenario steps into that era's kernel calls and exposes the device address spaces to compare.
/// </summary>
public interface IEquivalenceWorld
{
    /// <summary>What this world is ("3.0 omap iovmm", "3.3 omap-iovmm on the generic API").</summary>
    string Name { get; }

    /// <summary>The SoC's physical memory (the tables and buffers live here).</summary>
    PhysicalMemory Memory { get; }

    /// <summary>The device address spaces, with the same names in both worlds.</summary>
    IReadOnlyList<DeviceAddressSpace> Spaces { get; }

    /// <summary>Names this world's buffer pages so that both worlds' maps compare by content, not frame number.</summary>
    PhysicalIdentity Identity { get; }

    /// <summary>Where the engine records the kernel call being made (the adapter sets <see cref="WriteTracker.CurrentCall"/>).</summary>
    WriteTracker Tracker { get; }

    /// <summary>Runs <paramref name="step"/> through this era's API.</summary>
    StepOutcome Apply(TraceStep step);
}
