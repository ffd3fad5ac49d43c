// the draw benches' campaign: a stocked prize with generated codes (split over shards on the sharded path) and an
// unlimited fallback; the address limit is out of the way, since every bench client draws from 127.0.0.1
export const DRAW_CAMPAIGN = {
  id: "bench-draws",
  game: "wheel",
  mode: "server",
  limits: { perAddress: { perDay: 1_000_000 } },
  prizes: [
    { id: "voucher", label: "Voucher", weight: 30, stock: 1_000_000_000, codeGenerator: { prefix: "B-", length: 10 } },
    { id: "none", label: "Next time", weight: 70, win: false },
  ],
  fallbackPrizeId: "none",
};
