"""Trainer로 아주 작은 BERT를 3 step 학습하고, checkpoint에서 이어서 학습한다(CPU, 다운로드 없음)."""
import os

os.environ["HF_HUB_OFFLINE"] = "1"

import tempfile

import torch
from torch.utils.data import Dataset
from transformers import BertConfig, BertForSequenceClassification, PrinterCallback, Trainer, TrainingArguments
from transformers.utils import logging

logging.disable_progress_bar()  # 저장할 때의 진행 막대(stderr)를 끈다


class Toy(Dataset):
    """문장 8개(토큰 id 5개씩)와 라벨. Trainer는 샘플을 dict로 받는다"""

    def __init__(self):
        g = torch.Generator().manual_seed(0)
        self.input_ids = torch.randint(1, 100, (8, 5), generator=g)
        self.labels = torch.tensor([0, 1, 2, 0, 1, 2, 0, 1])

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return {"input_ids": self.input_ids[i], "labels": self.labels[i]}


config = BertConfig(vocab_size=100, hidden_size=16, num_hidden_layers=2,
                    num_attention_heads=2, intermediate_size=32, num_labels=3)


def make_trainer(output_dir):
    torch.manual_seed(0)  # 모델의 무작위 초기 가중치를 매번 같게
    args = TrainingArguments(
        output_dir=output_dir,           # checkpoint가 저장되는 곳
        per_device_train_batch_size=4,   # 8개 / 4 = 에포크마다 2 step
        max_steps=3,                     # 딱 3 step만 학습
        save_strategy="steps", save_steps=2,
        logging_strategy="no", report_to="none",
        use_cpu=True, seed=0,
        disable_tqdm=True,               # 진행 막대 대신 PrinterCallback이 기록을 print한다
    )
    trainer = Trainer(model=BertForSequenceClassification(config), args=args, train_dataset=Toy())
    trainer.remove_callback(PrinterCallback)  # 시간이 들어간 학습 기록을 출력하지 않는다
    return trainer


with tempfile.TemporaryDirectory() as out:
    trainer = make_trainer(out)
    args = trainer.args
    # 따로 정하지 않은 값은 기본값: optimizer, scheduler, learning rate, gradient clipping
    print(args.optim.value, args.lr_scheduler_type.value, args.learning_rate, args.max_grad_norm)
    #> adamw_torch_fused linear 5e-05 1.0

    result = trainer.train()  # 학습 루프, optimizer, scheduler를 Trainer가 만든다
    print("global_step:", result.global_step)
    #> global_step: 3
    print(sorted(os.listdir(out)))  # save_steps=2: 2 step째와 마지막(3 step째)에 저장
    #> ['checkpoint-2', 'checkpoint-3']
    # 이어서 학습하는 데 필요한 것이 다 들어 있다: 가중치, optimizer, scheduler, 난수 상태, 진행 상태
    print(sorted(os.listdir(os.path.join(out, "checkpoint-2"))))
    #> ['config.json', 'model.safetensors', 'optimizer.pt', 'rng_state.pth', 'scheduler.pt', 'trainer_state.json', 'training_args.bin']

    # 새 모델로 처음부터 다시 만들고 checkpoint-2에서 이어서 학습한다: 3 step째만 한다
    resumed = make_trainer(out)
    result = resumed.train(resume_from_checkpoint=os.path.join(out, "checkpoint-2"))
    print("global_step:", result.global_step)
    #> global_step: 3
    # 끊지 않고 3 step 학습한 모델과 가중치가 같다
    same = all(torch.equal(a, b) for a, b in zip(trainer.model.parameters(), resumed.model.parameters()))
    print("끊지 않고 학습한 결과와 같음:", same)
    #> 끊지 않고 학습한 결과와 같음: True

# accelerate가 없으면 TrainingArguments(...)를 만드는 순간 ImportError가 난다.
# 여기에는 accelerate가 설치되어 있으므로, transformers가 검사에 쓰는 함수를 바꿔 없는 것처럼 만든다
import transformers.training_args

transformers.training_args.is_accelerate_available = lambda *args, **kwargs: False
with tempfile.TemporaryDirectory() as out:
    try:
        TrainingArguments(output_dir=out, use_cpu=True, report_to="none")
    except ImportError as e:
        print("ImportError:", e)
        #> ImportError: Using the `Trainer` with `PyTorch` requires `accelerate>=1.1.0`: Please run `pip install transformers[torch]` or `pip install 'accelerate>=1.1.0'`
