// campaigns of the preview page: a Tết wheel (the prizes of examples/campaigns/tet.json) and a Tết quiz
export const tetWheel = {
  id: "tet-2027",
  title: "Vòng quay may mắn Tết 2027",
  description: "Quay là trúng: voucher, quà tặng và lì xì may mắn.",
  game: "wheel",
  mode: "server",
  locale: "vi",
  timezone: "Asia/Ho_Chi_Minh",
  schedule: {
    startsAt: "2027-01-20T00:00:00+07:00",
    endsAt: "2027-02-10T23:59:59+07:00",
  },
  limits: {
    perVisitor: {
      total: 3,
      perDay: 1,
    },
    cooldownSeconds: 0,
  },
  requireLead: false,
  prizes: [
    {
      id: "voucher50",
      label: "Voucher 50.000đ",
      weight: 30,
      stock: 500,
      dailyCap: 50,
      value: 50000,
      codeGenerator: {
        prefix: "TET50-",
        length: 8,
      },
    },
    {
      id: "voucher100",
      label: "Voucher 100.000đ",
      weight: 10,
      stock: 200,
      dailyCap: 20,
      value: 100000,
      codeGenerator: {
        prefix: "TET100-",
        length: 8,
      },
    },
    {
      id: "freeship",
      label: "Miễn phí vận chuyển",
      weight: 25,
      value: 15000,
      codeGenerator: {
        prefix: "SHIP-",
        length: 8,
      },
    },
    {
      id: "lixi",
      label: "Lì xì 200.000đ",
      weight: 4,
      stock: 50,
      dailyCap: 5,
      value: 200000,
      codeGenerator: {
        prefix: "LIXI-",
        length: 8,
      },
    },
    {
      id: "phone",
      label: "Điện thoại Galaxy A",
      weight: 0.1,
      stock: 2,
      value: 6000000,
    },
    {
      id: "none",
      label: "Chúc bạn may mắn lần sau",
      weight: 30.9,
      win: false,
    },
  ],
  onStockOut: "fallback",
  fallbackPrizeId: "none",
  pacing: "even",
  bonusPlays: {
    perShare: 1,
    maxPerDay: 1,
  },
  theme: {
    primary: "#d62828",
    segmentColors: ["#fff3b0", "#e09f3e", "#fdf0d5", "#f4a261"],
    font: "inherit",
  },
  terms: "Mỗi khách được quay tối đa 3 lần, 1 lần mỗi ngày. Mã giảm giá có hạn dùng đến 28/02/2027.",
  share: {
    text: "Quay vòng quay may mắn Tết và nhận quà!",
  },
};

export const tetQuiz = {
  id: "tet-quiz",
  title: "Đố vui ngày Tết",
  description: "Trả lời đúng 2/3 câu để nhận voucher.",
  game: "quiz",
  locale: "vi",
  limits: { perVisitor: { total: 2 } },
  prizes: [
    { id: "voucher50", label: "Voucher 50.000đ", weight: 1 },
    { id: "none", label: "Chúc bạn may mắn lần sau", weight: 1, win: false },
  ],
  quiz: {
    passScore: 2,
    prizeTiers: [{ minScore: 2, prizeIds: ["voucher50"] }],
    questions: [
      {
        id: "q1",
        text: "Mâm ngũ quả ngày Tết miền Nam thường có những loại quả nào?",
        choices: ["Mãng cầu, dừa, đu đủ, xoài, sung", "Táo, lê, nho", "Dưa hấu và cam"],
        answer: 0,
        timeLimitSeconds: 30,
      },
      { id: "q2", text: "Chọn các màu được coi là may mắn dịp Tết", type: "multiple", choices: ["Đỏ", "Xám", "Vàng"], answer: [0, 2] },
      { id: "q3", text: "Bánh nào là bánh truyền thống ngày Tết?", choices: ["Bánh chưng", "Bánh mì", "Bánh pizza"], answer: 0 },
    ],
  },
  theme: { primary: "#c2410c" },
  terms: "Mỗi khách được chơi 2 lần. Voucher dùng đến 28/02/2027.",
};
