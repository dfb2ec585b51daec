// The packs, the consumer's build and the two Native AOT publishes each keep the machine's cores busy for minutes; run
// side by side they only slow each other down (and two ILCompilers at once need twice the memory), so the test classes
// of this project run one after the other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
