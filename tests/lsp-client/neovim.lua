-- Headless Neovim (0.7 API) talking to `coquille lsp`: opens the Markdown
-- file $COQUILLE_FILE, waits for the findings, applies a quick fix then
-- the fix-all action, and checks the buffer and the findings after each. Exits 0 on
-- success, 1 with a message on stderr otherwise.

local function fail(message)
  io.stderr:write("neovim test: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local function run()
  local bin = os.getenv("COQUILLE_BIN")
  local file = os.getenv("COQUILLE_FILE")
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = "coquille",
    cmd = { bin, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
  })
  if not id then
    return fail("the server did not start")
  end
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)

  if not vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
    return fail("no diagnostics within 20 s")
  end
  -- Two findings on line 3: the decomposed accent and the `?`.
  local found = vim.diagnostic.get(buf)
  if #found ~= 2 then
    return fail("expected two findings, got " .. vim.inspect(found))
  end
  -- Neovim turned the server's UTF-16 columns into byte columns.
  local line = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]
  local columns = {}
  for _, d in ipairs(found) do
    if d.lnum ~= 2 then
      return fail("a finding off line 3: " .. vim.inspect(d))
    end
    table.insert(columns, line:sub(d.col + 1, d.end_col))
  end
  table.sort(columns)
  if columns[1] ~= "?" or columns[2] ~= "e\204\129" then
    return fail("findings at the wrong columns: " .. vim.inspect(columns))
  end

  local function actions(only)
    local params = {
      textDocument = vim.lsp.util.make_text_document_params(buf),
      range = { start = { line = 2, character = 0 }, ["end"] = { line = 3, character = 0 } },
      context = { diagnostics = {}, only = only },
    }
    local response = client.request_sync("textDocument/codeAction", params, 20000, buf)
    if not response or response.err then
      error("no code actions: " .. vim.inspect(response))
    end
    return response.result or {}
  end

  -- The quick fix of the `?`.
  local quick
  for _, action in ipairs(actions({ "quickfix" })) do
    if action.isPreferred and action.title:find("spacing/missing-space-before", 1, true) then
      quick = action
    end
  end
  if not quick then
    return fail("no preferred quick fix for the `?`")
  end
  vim.lsp.util.apply_workspace_edit(quick.edit, client.offset_encoding)
  local fixed = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]
  local expected = "Le 😀 cafe\204\129 est prêt\226\128\175?"
  if fixed ~= expected then
    return fail("buffer line is " .. vim.inspect(fixed) .. ", expected " .. vim.inspect(expected))
  end
  -- The edit went back to the server as a change: one finding is left.
  if not vim.wait(20000, function() return #vim.diagnostic.get(buf) == 1 end, 50) then
    return fail("expected one finding after the fix: " .. vim.inspect(vim.diagnostic.get(buf)))
  end

  -- Every safe fix at once, as format-on-save would.
  local all = actions({ "source.fixAll" })
  if #all ~= 1 or all[1].kind ~= "source.fixAll.coquille" then
    return fail("expected the fix-all action, got " .. vim.inspect(all))
  end
  vim.lsp.util.apply_workspace_edit(all[1].edit, client.offset_encoding)
  fixed = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]
  expected = "Le 😀 café est prêt\226\128\175?"
  if fixed ~= expected then
    return fail("after fix-all the line is " .. vim.inspect(fixed))
  end
  if not vim.wait(20000, function() return #vim.diagnostic.get(buf) == 0 end, 50) then
    return fail("findings left after fix-all: " .. vim.inspect(vim.diagnostic.get(buf)))
  end
  vim.lsp.stop_client(id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
  io.stdout:write("neovim test: ok\n")
  vim.cmd("qall!")
end

local ok, err = pcall(run)
if not ok then
  fail(tostring(err))
end
