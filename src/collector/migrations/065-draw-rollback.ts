// a way for one statement to undo itself: a sharded draw is one statement (storage/draw-statement.ts) whose writes must all
// stand or all go; when a check late in it fails (a replayed draw id, a visitor whose ledger moved since it was read, a
// code already issued, an address over its allowance), calling this aborts the statement and tells the caller why.
// One line: migrations are split on semicolons at line ends.
export const drawRollback = `
CREATE FUNCTION minigame_draw_rollback(reason text) RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'MG001', MESSAGE = reason; END $$;
`;
